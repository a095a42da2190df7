/**
 * Errors a user can cause. Each problem names where it is (a spec field path
 * or a file), what is wrong, and how to fix it. The CLI prints them all at once
 * and exits 2; nothing else in the program prints them.
 */
export interface Problem {
  /** Dotted field path (`hosts.ui`), or empty for the document itself. */
  path: string;
  message: string;
  fix?: string;
  /** The flag that sets the field, when the problem came from the command line. */
  flag?: string;
  /** 1-based line in the source file, when the problem came from a file. */
  line?: number;
}

/** The source of problems found in flags and --set: each problem names its flag, so lines do not repeat this. */
export const COMMAND_LINE = 'the command line';

export class UserError extends Error {
  readonly problems: Problem[];
  readonly source: string | undefined;

  constructor(problems: Problem[], source?: string) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    this.name = 'UserError';
    this.problems = problems;
    this.source = source;
  }
}

const FS_PROBLEMS: Record<string, { message: string; fix: string }> = {
  EACCES: { message: 'cannot be written or read: permission denied', fix: 'choose a place you can write to, or fix its permissions' },
  EPERM: { message: 'cannot be changed: operation not permitted', fix: 'choose a place you own, or fix its permissions' },
  EEXIST: { message: 'is in the way: a file stands where a folder must be', fix: 'choose another --out, or move that file away' },
  ENOTDIR: { message: 'is in the way: a file stands where a folder must be', fix: 'choose another --out, or move that file away' },
  EISDIR: { message: 'is a folder where a file was expected', fix: 'move that folder away' },
  ENOENT: { message: 'does not exist', fix: 'check the path; its parent folder must exist and be reachable' },
  ENOSPC: { message: 'cannot be written: the disk is full', fix: 'free some space and run the command again; nothing was half-written' },
  EDQUOT: { message: 'cannot be written: the disk quota is used up', fix: 'free some space and run the command again; nothing was half-written' },
  ELOOP: { message: 'is a loop of symbolic links', fix: 'remove the link' },
  ENAMETOOLONG: { message: 'is a name too long for the file system', fix: 'choose a shorter name' },
  EROFS: { message: 'cannot be written: read-only file system', fix: 'choose a writable place' },
  ENOTEMPTY: { message: 'changed while this run was writing it (another run?)', fix: 'wait for the other run to end, then run the command again' },
};

/** A file-system error caused by where the user pointed us, as a problem to act on (not a bug). */
export function fromFsError(error: unknown): UserError | undefined {
  const { code, path } = error as NodeJS.ErrnoException;
  const known = code ? FS_PROBLEMS[code] : undefined;
  if (!known || (typeof path !== 'string' && code !== 'ENOSPC' && code !== 'EDQUOT')) return undefined;
  // A write to an open file (a full disk) names no path: the error is about what was being written.
  return new UserError([{ path: typeof path === 'string' ? path : 'a file being written', message: `${known.message} (${code})`, fix: known.fix }]);
}

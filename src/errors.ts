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
  /** 1-based line in the source file, when the problem came from a file. */
  line?: number;
}

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

export function userError(message: string, fix?: string, path = ''): UserError {
  return new UserError([{ path, message, ...(fix ? { fix } : {}) }]);
}

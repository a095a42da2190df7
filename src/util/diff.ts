import { createTwoFilesPatch } from 'diff';

/** A unified diff of one file, or a notice for a file that holds secrets (never shown). */
export function fileDiff(path: string, before: string | undefined, after: string | undefined, secret: boolean): string {
  if (secret) return `--- a/${path}\n+++ b/${path}\n(holds secrets: content not shown)\n`;
  return createTwoFilesPatch(
    before === undefined ? '/dev/null' : `a/${path}`,
    after === undefined ? '/dev/null' : `b/${path}`,
    before ?? '',
    after ?? '',
    undefined,
    undefined,
    { context: 3 },
  ).replace(/^=+\n/, '');
}

/** A word for a POSIX shell command line we print: as it is when it is plain, else single-quoted. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:@%+=-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'"'"'`)}'`;
}

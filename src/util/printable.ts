/**
 * Text from input (a key in a spec, a value doctor quotes, a folder name) on
 * its way to a terminal: control characters, escape sequences and bidi
 * overrides are shown as `\u001b`-style escapes, so input can neither move
 * the cursor, recolour the screen nor reorder what the reader sees.
 */
// C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate marks.
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

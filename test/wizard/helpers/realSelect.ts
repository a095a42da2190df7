/**
 * The real @inquirer/select, driven by keys through a stream: what a person
 * gets when they press the arrow keys and Enter on the choices a step offers.
 */
import { PassThrough } from 'node:stream';
import { select } from '@inquirer/prompts';

const DOWN = '\u001b[B';

export async function pressDownThenEnter(choices: readonly { name: string; value: string; disabled?: string | boolean }[], downs: number): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  output.resume();
  const answer = select({ message: 'pick', choices: [...choices] }, { input, output });
  await new Promise((r) => setTimeout(r, 20));
  input.write(DOWN.repeat(downs));
  input.write('\r');
  return answer;
}

/** What a person can pick by pressing Down 0…n times and Enter: never a disabled choice. */
export async function picksReachable(choices: readonly { name: string; value: string; disabled?: string | boolean }[]): Promise<string[]> {
  const picked: string[] = [];
  for (let downs = 0; downs <= choices.length; downs++) picked.push(await pressDownThenEnter(choices, downs));
  return picked;
}

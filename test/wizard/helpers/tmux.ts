/**
 * A real terminal for tests: a private tmux server (its own socket, so no
 * other session is touched) running one command in an 80-column pane.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export function tmuxAvailable(): boolean {
  const result = spawnSync('tmux', ['-V'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/** Single-quotes a word for sh. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export class TmuxSession {
  private readonly socket = `prefect-secure-test-${randomBytes(6).toString('hex')}`;
  private readonly target = 'wizard';

  constructor(
    command: string,
    options: { cwd: string; columns?: number; rows?: number },
  ) {
    this.tmux(['new-session', '-d', '-x', String(options.columns ?? 80), '-y', String(options.rows ?? 40), '-s', this.target, '-c', options.cwd, command]);
  }

  private tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** The whole screen, scrollback included; lines the terminal wrapped are joined again. */
  screen(options: { escapes?: boolean } = {}): string {
    return this.tmux(['capture-pane', '-p', '-J', '-S', '-', ...(options.escapes ? ['-e'] : []), '-t', this.target]);
  }

  /** Types text literally (no key names). */
  type(text: string): void {
    this.tmux(['send-keys', '-t', this.target, '-l', text]);
  }

  /** Presses keys by tmux name: Enter, Down, Space, C-c, C-u. */
  press(...keys: string[]): void {
    for (const key of keys) this.tmux(['send-keys', '-t', this.target, key]);
  }

  /**
   * Waits until the screen shows `text` (polling, bounded), and returns the
   * screen. Fails early, with the screen, if `failOn` shows up first.
   */
  async waitFor(text: string | RegExp, options: { timeoutMs?: number; failOn?: RegExp } = {}): Promise<string> {
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    let screen = '';
    for (;;) {
      screen = this.screen();
      if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
      if (options.failOn?.test(screen)) break;
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the terminal never showed ${String(text)}; it shows:\n${screen.trimEnd()}`);
  }

  /** Ends this session's own tmux server (and the command in it). */
  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
  }
}

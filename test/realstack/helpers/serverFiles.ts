/**
 * What a person does on a server before `docker compose up`, as NEXT_STEPS
 * ("Names and certificates") says: the certificate chain, its key and the
 * internal CA put where the spec names them, then the key's permissions set by
 * the printed command (with a stand-in sudo: the tests run as root).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { expect } from 'vitest';
import type { TestCa } from '../../helpers/tls.js';
import { printedBlock } from './prefectCli.js';

export async function putCertificates(dir: string, ca: TestCa, names: string[]): Promise<void> {
  const leaf = ca.issue(names);
  mkdirSync(join(dir, 'tls'), { recursive: true });
  copyFileSync(leaf.certFile, join(dir, 'tls', 'fullchain.pem'));
  copyFileSync(leaf.keyFile, join(dir, 'tls', 'privkey.pem'));
  copyFileSync(ca.caFile, join(dir, 'tls', 'ca.pem'));
  await runPrintedWithSudo(dir, 'chgrp');
}

/**
 * Runs the NEXT_STEPS sh block holding `line` in the stack folder, as a person
 * with sudo does (a stand-in sudo: the tests run as root).
 */
export async function runPrintedWithSudo(dir: string, line: string): Promise<void> {
  const block = printedBlock(readFileSync(join(dir, 'NEXT_STEPS.md'), 'utf8'), line);
  const bin = mkdtempSync(join(tmpdir(), 'prefect-secure-sudo-'));
  writeFileSync(join(bin, 'sudo'), '#!/bin/sh\nexec "$@"\n', { mode: 0o755 });
  const printed = await execa('bash', ['-e', '-c', block], { cwd: dir, env: { PATH: `${bin}:/usr/bin:/bin` }, extendEnv: false, reject: false });
  expect(printed.exitCode, printed.stderr).toBe(0);
}

/**
 * `init` on the server target as the server tests render it: the two public
 * names, the port bound on loopback only (test servers bind loopback; a real
 * server takes the default, every interface), plus `extra` flags.
 */
export function serverInit(uiHost: string, apiHost: string, extra: string[]): string[] {
  return ['init', '--yes', '--target', 'server', '--ui-host', uiHost, '--machine-host', apiHost, '--set', 'hosts.bind=127.0.0.1', ...extra];
}

import { describe, expect, it } from 'vitest';
import { inputUnreadable } from '../../../src/doctor/checks/inputUnreadable.js';
import { brief, goodStack, run } from '../helpers.js';

describe('input-unreadable', () => {
  it('reports a compose file that is binary junk, without crashing', () => {
    const findings = run(inputUnreadable, { 'docker-compose.yml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]) });
    expect(brief(findings)).toEqual(['error input-unreadable docker-compose.yml']);
    expect(findings[0]!.message).toContain('is not a text file');
  });

  it('reports invalid UTF-8 in a mounted config at the volume line', () => {
    const files = goodStack({ 'oauth2-proxy.cfg': Buffer.from([0x70, 0x72, 0xc3, 0x28, 0x0a]) });
    const findings = run(inputUnreadable, files);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.file).toBe('docker-compose.yml');
    expect(findings[0]!.message).toContain('oauth2-proxy.cfg');
  });

  it('passes readable text files', () => {
    expect(run(inputUnreadable, goodStack())).toEqual([]);
  });
});

/**
 * doctor --diagram: the picture of the files doctor read, each finding marked
 * on what it concerns, read back by the real Mermaid parser. The rendered
 * stack is changed by hand the way people break it: the machine host's basic
 * auth removed (an ungated API path), the database published on the host, an
 * issuer only the browser can reach.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/doctor/checks/index.js';
import { stackPicture } from '../../src/doctor/diagram.js';
import { loadStack } from '../../src/doctor/load/index.js';
import { memoryTree } from '../../src/doctor/load/tree.js';
import { runChecks } from '../../src/doctor/run.js';
import type { Finding } from '../../src/doctor/types.js';
import { toMermaid } from '../../src/diagram/mermaid.js';
import { runCli } from '../helpers/cli.js';
import { parseFlowchart, type ParsedFlowchart } from '../helpers/mermaid.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REPORT_SCHEMA } from '../../src/doctor/report.js';
import { renderedFiles, withoutBasicAuth } from './brokenStack.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'doctor');
const firstLine = (text: string) => text.split(/<br\s*\/?>/)[0]!;

async function doctorDiagram(files: Record<string, string>): Promise<{ text: string; parsed: ParsedFlowchart; findings: Finding[] }> {
  const model = loadStack(memoryTree(files), '.');
  const findings = runChecks(model, CHECKS).flatMap((r) => r.findings);
  const text = toMermaid(stackPicture(model, findings));
  return { text, parsed: await parseFlowchart(text), findings };
}

/** The edge from the node labelled `from` to the node labelled `to`, with its index among the edges. */
function edgeBetween(parsed: ParsedFlowchart, from: string, to: string) {
  const id = (name: string) => parsed.vertices.filter((v) => firstLine(v.text) === name).map((v) => v.id);
  const index = parsed.edges.findIndex((e) => id(from).includes(e.start) && id(to).includes(e.end) && e.text !== 'signed in?');
  return index < 0 ? undefined : { ...parsed.edges[index]!, index };
}

describe('doctor --diagram', () => {
  it('marks nothing on the stack init renders', async () => {
    const { text, findings } = await doctorDiagram(renderedFiles());
    expect(findings).toEqual([]);
    expect(text).not.toMatch(/[✖⚠]|linkStyle|classDef/);
  });

  it('marks an ungated API path on the edge from its host to Prefect, in colour', async () => {
    const { text, parsed, findings } = await doctorDiagram(withoutBasicAuth(renderedFiles()));
    expect(findings.map((f) => f.id)).toEqual(['proxy-api-open']);
    const edge = edgeBetween(parsed, 'prefect-api.localtest.me:8080', 'prefect-server');
    expect(edge?.text).toBe('/api/ · no credential ⚠ proxy-api-open');
    expect(text).toContain(`linkStyle ${edge!.index} stroke:#ef6c00`);
    // The UI host's path is untouched.
    expect(edgeBetween(parsed, 'prefect.localtest.me:8080', 'prefect-server')?.text).toBe('/api/, / · SSO via oauth2-proxy');
  });

  it('marks a published database on the way in it opens past the proxy', async () => {
    const files = renderedFiles();
    const compose = files['docker-compose.yml']!.replace('  postgres:\n    image: "postgres:17.12-alpine"\n', '  postgres:\n    image: "postgres:17.12-alpine"\n    ports:\n      - "5432:5432"\n');
    expect(compose).not.toBe(files['docker-compose.yml']);
    const { parsed, findings } = await doctorDiagram({ ...files, 'docker-compose.yml': compose });
    expect(findings.map((f) => f.id)).toContain('exposure-published-data');
    const postgres = parsed.vertices.find((v) => firstLine(v.text) === 'postgres')!;
    expect(postgres.text).toContain('published on 0.0.0.0:5432');
    expect(edgeBetween(parsed, 'People', 'postgres')?.text).toBe('port 5432 ✖ exposure-published-data');
  });

  it('marks an issuer only the browser can reach on the edge from oauth2-proxy to it', async () => {
    const files = renderedFiles();
    const cfg = files['oauth2-proxy/oauth2-proxy.cfg']!.replace('oidc_issuer_url = "http://keycloak.localtest.me:8080/realms/prefect"', 'oidc_issuer_url = "http://localhost:8080/realms/prefect"');
    const { parsed, findings } = await doctorDiagram({ ...files, 'oauth2-proxy/oauth2-proxy.cfg': cfg });
    expect(findings.map((f) => f.id)).toContain('issuer-split-brain');
    const edge = edgeBetween(parsed, 'oauth2-proxy', 'localhost');
    expect(edge?.text.startsWith('discovery, tokens ✖ ')).toBe(true);
    expect(edge?.text).toContain('✖ issuer-split-brain');
  });

  it.each(['forum-keycloak-localhost', 'nginx-entra-handwritten', 'traefik-google'])('draws the hand-written stack %s with every finding marked on it', async (name) => {
    const files = Object.fromEntries(readdirSync(join(FIXTURES, name), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => {
      const path = relative(join(FIXTURES, name), join(e.parentPath, e.name));
      return [path, readFileSync(join(FIXTURES, name, path), 'utf8')];
    }));
    const { text, parsed, findings } = await doctorDiagram(files);
    expect(findings.length).toBeGreaterThan(3);
    // Each finding's mark is on the picture: on a link, a node, a proxy's group or the note.
    const marked = [...parsed.edges.map((e) => e.text), ...parsed.vertices.map((v) => v.text), ...parsed.subgraphs.map((g) => g.title)].join('\n');
    for (const finding of findings) expect(marked, finding.id).toContain(`${finding.severity === 'error' ? '✖' : '⚠'} ${finding.id}`);
    // Every compose service is drawn.
    for (const service of loadStack(memoryTree(files), '.').services) expect(text, service.name).toMatch(new RegExp(`\\["${service.name}|\\("${service.name}|\\[\\("${service.name}|\\["${service.name} · `));
  });

  it('lists a finding it has no place for in a note, so none goes unseen', async () => {
    const model = loadStack(memoryTree(renderedFiles()), '.');
    const text = toMermaid(stackPicture(model, [{ id: 'made-up-check', severity: 'warning', message: 'somewhere' }]));
    const note = (await parseFlowchart(text)).vertices.find((v) => v.text.startsWith('Found elsewhere'));
    expect(note?.text).toContain('⚠ made-up-check');
  });

  it('prints only the flowchart, exits as doctor does, and --json carries it in the documented report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-diagram-'));
    for (const [path, content] of Object.entries(withoutBasicAuth(renderedFiles()))) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const plain = await runCli(['doctor', dir, '--diagram']);
    expect(plain.code).toBe(0); // a warning only: the laptop stack
    expect(plain.stdout.startsWith('flowchart LR\n')).toBe(true);
    expect((await parseFlowchart(`${plain.stdout}\n`)).edges.some((e) => e.text.endsWith('⚠ proxy-api-open'))).toBe(true);
    const json = await runCli(['doctor', dir, '--diagram', '--json']);
    const report = JSON.parse(json.stdout) as { diagram: string; findings: Finding[] };
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(REPORT_SCHEMA);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.diagram).toBe(`${plain.stdout}\n`);
    expect(report.findings.map((f) => f.id)).toEqual(['proxy-api-open']);
  });
});

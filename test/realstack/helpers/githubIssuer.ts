/**
 * A stand-in for GitHub Actions' OIDC issuer, which cannot be reached here:
 * an https server named token.actions.githubusercontent.com (on an address
 * that stands for the internet), serving the discovery document in GitHub's
 * exact shape (no authorization or token endpoint), its JWKS, and the
 * runner's token request endpoint (ACTIONS_ID_TOKEN_REQUEST_URL), which mints
 * RS256 tokens with GitHub's claims: `sub` of the job, the `aud` the job asks
 * for, five minutes of life. `mint` makes the tokens a test needs (another
 * repository's, expired, signed by another key).
 */
import { generateKeyPairSync, createSign, randomUUID, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { TestCa } from '../../helpers/tls.js';
import { GITHUB_ACTIONS_ISSUER } from '../../../src/components/machineAccess/githubActions/facts.js';

export const GITHUB_NAME = new URL(GITHUB_ACTIONS_ISSUER).hostname;

export interface GithubIssuer {
  /** The runner's ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN for a job with `subject`. */
  runnerEnv(subject: string): { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string };
  mint(claims: { sub: string; aud: string; expiresIn?: number; key?: 'issuer' | 'stranger' }): string;
  close(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function sign(payload: object, key: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(payload));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key);
  return `${head}.${body}.${b64url(signature)}`;
}

export async function startGithubIssuer(options: { address: string; ca: TestCa }): Promise<GithubIssuer> {
  const issuerKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const strangerKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jobs = new Map<string, string>();
  const mint: GithubIssuer['mint'] = ({ sub, aud, expiresIn = 300, key = 'issuer' }) => {
    const now = Math.floor(Date.now() / 1000);
    const [, repository, ref] = /^repo:([^:]+):ref:(.+)$/.exec(sub) ?? [];
    return sign(
      { jti: randomUUID(), sub, aud, iss: GITHUB_ACTIONS_ISSUER, iat: now, nbf: now - 5, exp: now + expiresIn, repository, ref, runner_environment: 'github-hosted' },
      (key === 'issuer' ? issuerKeys : strangerKeys).privateKey,
      kid,
    );
  };
  const leaf = options.ca.issue([GITHUB_NAME]);
  const server = https.createServer({ cert: readFileSync(leaf.certFile), key: readFileSync(leaf.keyFile) }, (req, res) => {
    const url = new URL(req.url ?? '/', GITHUB_ACTIONS_ISSUER);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      // GitHub's document, field for field.
      return json(200, {
        issuer: GITHUB_ACTIONS_ISSUER,
        jwks_uri: `${GITHUB_ACTIONS_ISSUER}/.well-known/jwks`,
        subject_types_supported: ['public', 'pairwise'],
        response_types_supported: ['id_token'],
        claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'ref', 'repository', 'repository_id', 'repository_owner', 'run_id', 'workflow', 'actor', 'environment', 'job_workflow_ref'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid'],
      });
    }
    if (url.pathname === '/.well-known/jwks') {
      return json(200, { keys: [{ ...issuerKeys.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
    }
    if (url.pathname === '/_runner/idtoken') {
      const subject = jobs.get((req.headers.authorization ?? '').replace(/^bearer /i, ''));
      const audience = url.searchParams.get('audience');
      if (!subject || !audience) return json(401, { message: 'no such job, or no audience' });
      return json(200, { value: mint({ sub: subject, aud: audience }) });
    }
    return json(404, {});
  });
  await new Promise<void>((resolve) => server.listen(443, options.address, resolve));
  return {
    runnerEnv(subject) {
      const token = randomUUID();
      jobs.set(token, subject);
      return { ACTIONS_ID_TOKEN_REQUEST_URL: `${GITHUB_ACTIONS_ISSUER}/_runner/idtoken?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: token };
    },
    mint,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

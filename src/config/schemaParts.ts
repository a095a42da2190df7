/**
 * The building blocks of the spec schema: described fields with defaults, and
 * the formats several parts share (host names, identifiers, ports, env:NAME).
 */
import * as z from 'zod/mini';
import { fieldAt } from './fields.js';
import { HOSTNAME, IDENTIFIER } from '../util/formats.js';

/** A field's one-line help from the field registry: the same words in the wizard, --help, the README and editors. */
export const help = (path: string) => fieldAt(path).help;

/** Attaches a description (shown in the JSON Schema and editors). */
export const describe = <T extends z.ZodMiniType>(schema: T, description: string): T => schema.check(z.describe(description)) as T;
export const fallback = <T extends z.ZodMiniType>(schema: T, value: z.output<T>, description: string) =>
  describe(z._default(schema, value as never), description);

export const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;

export const hostname = z.string({ error: 'must be a hostname (text), e.g. prefect.example.com' }).check(
  z.trim(),
  z.toLowerCase(),
  z.refine((v) => !SCHEME.test(v), {
    error: 'must be a bare hostname, not a URL: drop the scheme, port and path (the port goes in hosts.port)',
  }),
  z.refine((v) => !v.includes(':') || SCHEME.test(v), {
    error: 'must not carry a port: write the bare hostname and set hosts.port',
  }),
  z.refine((v) => !v.includes('/') || SCHEME.test(v), { error: 'must be a bare hostname without a path' }),
  z.refine((v) => /[:/]/.test(v) || HOSTNAME.test(v), {
    error: 'is not a valid hostname: use letters, digits, hyphens and dots, e.g. prefect.example.com',
  }),
);

export const identifier = (example: string) =>
  z.string({ error: `must be a name (text), e.g. ${example}` }).check(
    z.regex(IDENTIFIER, {
      error: `must start with a lowercase letter and hold only lowercase letters, digits, '-' and '_' (at most 63), e.g. ${example}`,
    }),
  );

export const port = z
  .int({
    error: (issue) =>
      typeof issue.input === 'number' ? 'must be a whole number between 1 and 65535' : 'must be a port number (1-65535), e.g. 8080',
  })
  .check(z.gte(1, { error: 'must be between 1 and 65535' }), z.lte(65535, { error: 'must be between 1 and 65535' }));

/** `env:NAME`: a secret supplied through the environment at render time, never written into the spec. */
export const envRef = z.pipe(
  z.string({ error: 'must be a reference to an environment variable, env:NAME' }).check(
    z.regex(/^env:[A-Z_][A-Z0-9_]*$/, {
      error: 'must be env:NAME (an upper-case environment variable): secrets never live in the spec',
    }),
  ),
  z.transform((value: string) => value.slice(4)),
);


/** A path inside the stack folder (a CA file a person puts there). */
export const stackPath = (example: string) =>
  z.string({ error: `must be a path inside the stack folder, e.g. ${example}` }).check(
    z.trim(),
    z.regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._\/-]{1,200}$/, { error: `must be a relative path inside the stack folder (letters, digits, . _ - /; no ..), e.g. ${example}` }),
  );

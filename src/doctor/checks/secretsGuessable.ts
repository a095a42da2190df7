/**
 * A credential an attacker guesses: `admin:admin`, the user name as the
 * password, a tutorial's default, anything short. Prefect's auth string is
 * the only lock on the API behind a basic-auth setup; a proxy's htpasswd
 * entry is the lock on the machine host. Values are never printed: only the
 * setting or line, and why it is guessable.
 */
import { defineCheck } from './check.js';
import { crackedHash, MIN_PASSWORD_LENGTH, weakPassword } from './util/guessable.js';
import { prefectSettings } from './util/prefect.js';

const ID = 'secrets-guessable';
const FIX_AUTH = `a random value: openssl rand -base64 32 (as user:<that value>), kept in .env, or let prefect-secure init generate one`;

export const secretsGuessable = defineCheck(
  {
    id: ID,
    title: 'No guessable passwords',
    severity: 'error',
    appliesTo: (model) => model.prefect.services.length + model.prefect.profiles.length + model.passwordFiles.length + model.traefik.middlewares.length > 0,
  },
  (model, report) => {
    for (const settings of prefectSettings(model)) {
      for (const name of ['PREFECT_SERVER_API_AUTH_STRING', 'PREFECT_API_AUTH_STRING']) {
        const value = settings.get(name);
        if (!value?.value || /\$\{|<.*>/.test(value.value)) continue;
        const colon = value.value.indexOf(':');
        const [user, password] = colon < 0 ? ['', value.value] : [value.value.slice(0, colon), value.value.slice(colon + 1)];
        const weak = weakPassword(user, password);
        if (!weak) continue;
        report.add(weak.severity, value.valueAt, {
          message: `${name} of ${settings.label} is guessable: ${weak.why}`,
          why: name === 'PREFECT_SERVER_API_AUTH_STRING' ? 'it is the one credential of the whole Prefect API; whoever guesses it can run, change and delete everything' : 'the same string is the server\'s one credential; whoever guesses it has the whole API',
          fix: `${FIX_AUTH}; change the server and every client together`,
        });
      }
    }
    const entries = [
      ...model.passwordFiles.flatMap((f) => f.entries.map((e) => ({ ...e, where: f.file }))),
      ...model.traefik.middlewares
        .filter((m) => m.kind.toLowerCase() === 'basicauth' && m.options.has('users'))
        .flatMap((m) => m.options.get('users')!.value.split(',').map((line) => ({ user: line.slice(0, line.indexOf(':')).trim(), hash: line.slice(line.indexOf(':') + 1).trim(), at: m.options.get('users')!.at, where: `Traefik middleware ${m.name}` }))),
    ];
    for (const entry of entries) {
      if (!entry.user || !entry.hash) continue;
      if (crackedHash(entry.user, entry.hash) === undefined) continue;
      report.error(entry.at, {
        message: `the password of user ${entry.user} in ${entry.where} is guessable (one of the first an attacker tries, or the user name)`,
        why: 'this entry is the lock on what the proxy guards; a list of common passwords opens it in seconds',
        fix: `set a random password of at least ${MIN_PASSWORD_LENGTH} characters: htpasswd -B ${entry.where.endsWith('htpasswd') ? entry.where : '<file>'} ${entry.user}  (or let prefect-secure generate the machine users)`,
      });
    }
  },
);

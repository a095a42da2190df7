/**
 * Quotes that end up inside a value: in the list form `- KEY="value"` and in
 * an env_file read with `format: raw`, compose keeps them, so the container
 * sees `"value"` with the quotes (an issuer, a secret or a URL then never matches).
 */
import { defineCheck } from './check.js';

const ID = 'env-quoted-value';

export const envQuotedValue = defineCheck(
  {
    id: ID,
    title: 'Environment values carry no stray quotes',
    severity: 'error',
    appliesTo: (model) => model.services.length > 0,
  },
  (model, report) => {
    for (const s of model.services) {
      for (const variable of s.environment.values()) {
        const value = variable.value;
        if (!value || value.length < 2) continue;
        const quote = value[0];
        if ((quote !== '"' && quote !== "'") || !value.endsWith(quote)) continue;
        const how = variable.listForm
          ? 'in the list form "- KEY=value" everything after "=" is the value, quotes included'
          : variable.origin === 'env_file'
            ? 'the env_file line keeps its quotes (format: raw, or the quotes are nested)'
            : 'the YAML string itself contains the quotes';
        report.error(variable.at, {
          message: `${variable.name} of service ${s.name} reaches the container wrapped in ${quote} quotes: ${how}`,
          why: 'the program reads the quote characters as part of the value, so a URL, secret or list no longer matches anything',
          fix: variable.listForm ? `- ${variable.name}=… (without the quotes)` : `${variable.name}: … (one pair of YAML quotes at most, none inside)`,
        });
      }
    }
  },
);

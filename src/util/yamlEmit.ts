/**
 * Emits plain data (objects, arrays, strings, numbers, booleans) as block
 * YAML. Strings are double-quoted JSON strings, which YAML reads the same way,
 * so no value can change type or meaning. Small on purpose: it writes the
 * canonical spec, whose shape is known.
 */
type Plain = string | number | boolean | null | undefined | Plain[] | { [key: string]: Plain };

const KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

function scalar(value: Plain): string {
  if (typeof value === 'string') return /^[A-Za-z][A-Za-z0-9_./-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return 'null';
}

function isBlock(value: Plain): value is Plain[] | { [key: string]: Plain } {
  return typeof value === 'object' && value !== null && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

function emit(value: Plain, indent: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (!isBlock(item)) return [`${indent}- ${Array.isArray(item) ? '[]' : typeof item === 'object' && item !== null ? '{}' : scalar(item)}`];
      const [first, ...rest] = emit(item, `${indent}  `);
      return [`${indent}- ${first!.trimStart()}`, ...rest];
    });
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .flatMap(([key, item]) => {
        const name = KEY.test(key) ? key : JSON.stringify(key);
        if (!isBlock(item)) return [`${indent}${name}: ${Array.isArray(item) ? '[]' : typeof item === 'object' && item !== null ? '{}' : scalar(item)}`];
        return [`${indent}${name}:`, ...emit(item, `${indent}  `)];
      });
  }
  return [`${indent}${scalar(value)}`];
}

export function toYaml(value: Plain): string {
  return `${emit(value, '').join('\n')}\n`;
}

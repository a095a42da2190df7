/**
 * Values a hostile or careless person types into a spec field: line breaks,
 * quotes, shell and template syntax, NUL, control and bidi characters, path
 * escapes, markup, YAML tricks, very long and empty values.
 */
export const HOSTILE = [
  'a\nb: c',
  'a\r\nb',
  'x"y',
  "x'y",
  'x`id`',
  '$HOME',
  '${OAUTH2_PROXY_CLIENT_SECRET}',
  '$(touch /tmp/pwned)',
  '{{ secrets }}',
  '{{{raw}}}',
  'a\u0000b',
  '\u001b[31mred',
  'abc\u202etxt',
  'a;b',
  'a b',
  'a#b',
  'a\\b',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '*alias',
  '&anchor x',
  '!!python/object:os.system',
  'x'.repeat(5000),
  ' padded ',
  '',
];

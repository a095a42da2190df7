/**
 * What `doctor --json` prints instead of a report when it cannot check at
 * all (exit 2): the same schemaVersion and tool, and the usage error (see
 * report.schema.json). Its own module: the CLI entry loads it eagerly.
 */
export function usageErrorReport(version: string, message: string, fix?: string) {
  return { schemaVersion: 1 as const, tool: { name: 'prefect-secure' as const, version }, usageError: { message, ...(fix ? { fix } : {}) } };
}

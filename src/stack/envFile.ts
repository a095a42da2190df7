import { parseDotenv } from '../compose/dotenv.js';

/** The values of a `.env` file, read the way docker compose reads it. */
export function parseEnvFile(text: string): Record<string, string> {
  return Object.fromEntries(parseDotenv(text).entries.map((entry) => [entry.name, entry.value]));
}

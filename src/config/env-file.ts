import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Reads `.env` from the working directory when there is one, so that `cp .env.example .env` is all a
 * newcomer does before `npm run start:api`. Variables already in the environment win over the file, as
 * with Node's `--env-file`, so exported values, compose and CI stay in charge. The file is parsed by
 * Node's own dotenv parser (`util.parseEnv`).
 *
 * `NODE_ENV_DEFAULT` is how a start script says "production unless told otherwise" without hiding a
 * `NODE_ENV` written in `.env`, which a shell default (`NODE_ENV=${NODE_ENV:-production}`) would.
 * Answers the file read, or null.
 */
export function loadEnvFileIfPresent(
  file = '.env',
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const path = resolve(file);
  const found = existsSync(path);
  if (found) {
    for (const [name, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
      if (env[name] === undefined) env[name] = value;
    }
  }
  if (!env.NODE_ENV && env.NODE_ENV_DEFAULT) env.NODE_ENV = env.NODE_ENV_DEFAULT;
  return found ? path : null;
}

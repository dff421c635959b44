import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from './projectRoot.js';

/** Where the generated admin key is kept: git-ignored, readable by its owner only. */
export function apiKeyFile(): string {
  return join(projectRoot(), '.alm', 'api-key');
}

/**
 * The admin API key: `ALM_API_KEY` if set; else the one kept in `.alm/api-key`; else, with
 * `create`, a new random key written there (on the first `npm start`).
 */
export function resolveApiKey(options: { create: boolean; file?: string }): string | undefined {
  if (process.env.ALM_API_KEY) return process.env.ALM_API_KEY;
  const file = options.file ?? apiKeyFile();
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!options.create) return undefined;
  const key = randomBytes(24).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

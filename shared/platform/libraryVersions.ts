import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const LIBRARIES = ['ml-matrix', 'ml-cart', 'ml-random-forest', 'zod'] as const;

/**
 * Versions of Node.js and of the libraries a model depends on, read from the process and the
 * installed packages ("unknown" when not resolvable, e.g. inside a bundle). Recorded in
 * `training_info.json`; the engine is handed them, it never reads them itself.
 */
export function libraryVersions(): Record<string, string> {
  const versions: Record<string, string> = { node: process.version };
  for (const name of LIBRARIES) {
    try {
      versions[name] = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      versions[name] = 'unknown';
    }
  }
  return versions;
}

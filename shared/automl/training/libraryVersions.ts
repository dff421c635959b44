import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const LIBRARIES = ['ml-matrix', 'ml-cart', 'ml-random-forest', 'zod'] as const;

/** Versions of Node.js and of the libraries a model depends on ("unknown" when not resolvable, e.g. bundled). */
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

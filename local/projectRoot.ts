import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project's root: the nearest folder above this file whose package.json is this project's. */
export function projectRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'automl-lifecycle-monitor') return dir;
    if (dirname(dir) === dir) throw new Error(`no automl-lifecycle-monitor package.json above ${from}`);
  }
}

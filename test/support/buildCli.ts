import { execFileSync } from 'node:child_process';

/** Vitest global setup: compiles the CLI so tests run `bin/alm.js` against the current sources. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

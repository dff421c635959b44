#!/usr/bin/env node
// The `alm` command: runs the compiled CLI (built by `npm run build`, which `npm install` runs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('alm: the CLI is not built; run `npm install` (or `npm run build`) in the project first\n');
  process.exit(1);
}
// The project pins Node 20 (engines); the AWS SDK's notice about Node 22 is noise for `alm start`.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));

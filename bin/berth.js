#!/usr/bin/env node
// The `berth` command: runs the built command line (out/main/cli.js).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  console.error('berth: the app is not built yet. Run `npm run build` in the Berth folder first.');
  process.exit(1);
}
await import(pathToFileURL(cli).href);

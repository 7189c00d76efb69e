#!/usr/bin/env node
// Launcher for the compiled CLI. `npm ci` builds dist/ through the `prepare` script.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/local/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("remediation: not built yet; run 'npm run build' first\n");
  process.exit(2);
}
const { runCli } = await import(entry.href);
process.exitCode = await runCli();

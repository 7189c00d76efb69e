#!/usr/bin/env node
// Launcher for the compiled CLI. `npm ci` builds dist/ through the `prepare` script, and
// bundles it when esbuild is installed (scripts/bundle-cli.mjs): the bundle loads a few files
// instead of every module, so it is preferred unless the compiled CLI is newer (a `tsc` run
// after the last bundle).
import { existsSync, statSync } from 'node:fs';

const compiled = new URL('../dist/src/local/cli.js', import.meta.url);
const bundled = new URL('../dist/bundle/cli/cli.mjs', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write("remediation: not built yet; run 'npm run build' first\n");
  process.exit(2);
}
const fresh = existsSync(bundled) && statSync(bundled).mtimeMs >= statSync(compiled).mtimeMs;
const { runCli } = await import((fresh ? bundled : compiled).href);
process.exitCode = await runCli();

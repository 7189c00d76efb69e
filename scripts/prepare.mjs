// `npm ci` runs this (`prepare`): it compiles the TypeScript to dist/ when the compiler is
// installed, then bundles the CLI (scripts/bundle-cli.mjs). A production install
// (`npm ci --omit=dev`, e.g. the Dockerfile's last stage) has no compiler and runs from a
// dist/ built earlier, so it skips the build instead of failing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  if (!existsSync(new URL('../dist/src/main.js', import.meta.url))) {
    console.warn('prepare: TypeScript is not installed (production install) and dist/ is missing: build it first with `npm run build`.');
  }
  process.exit(0);
}
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
// The launcher's faster start-up; skipped (exit 0) when esbuild is missing.
const bundle = spawnSync(process.execPath, [new URL('./bundle-cli.mjs', import.meta.url).pathname], { stdio: 'inherit' });
process.exit(bundle.status ?? 1);

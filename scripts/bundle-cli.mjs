// Bundles the compiled CLI (dist/src/local/cli.js) into dist/bundle/cli/: one file to load at
// start-up plus one chunk per dynamic import, instead of ~170 modules each resolved, read and
// linked on every run (a one-file scan spends about a third less CPU). bin/remediation.js
// prefers the bundle when it is at least as new as the compiled CLI.
// `prepare` and `npm run build` run it after tsc; without esbuild (a production install) it
// does nothing and the launcher runs the compiled modules.
//   node scripts/bundle-cli.mjs [--entry FILE] [--outdir DIR]
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { entry: { type: 'string' }, outdir: { type: 'string' } } });
const require = createRequire(import.meta.url);
let esbuild;
try {
  esbuild = require('esbuild');
} catch {
  console.warn('bundle-cli: esbuild is not installed (production install): the launcher runs dist/src/local/cli.js.');
  process.exit(0);
}
const root = new URL('../', import.meta.url);
const cli = values.entry ?? new URL('dist/src/local/cli.js', root).pathname;
await esbuild.build({
  // The scan's worker thread is an entry of its own: src/parallel/worker-pool.ts starts it from
  // the file beside its own chunk.
  entryPoints: [cli, join(dirname(cli), '..', 'parallel', `scan-worker${extname(cli)}`)],
  // Three folders below the package root, like dist/src/local/: resources.ts finds
  // package.json and templates/ from its own location.
  outdir: values.outdir ?? new URL('dist/bundle/cli', root).pathname,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ES module builds where a package has one (jsonc-parser's UMD build requires its own files).
  mainFields: ['module', 'main'],
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  outExtension: { '.js': '.mjs' },
  // web-tree-sitter loads its wasm next to its own file; the grammar's wasm is found by require.resolve.
  external: ['web-tree-sitter', 'tree-sitter-python'],
  // CommonJS dependencies bundled into an ES module still call require for Node's built-ins.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  logLevel: 'warning',
});

/**
 * The folder tree reads as the pipeline, and a lower layer never imports a higher one: the pure
 * core (models, engine, diff, rules) imports no I/O layer; the publish layer shared by the App and
 * the Action (`src/github/`) imports neither entry point's wiring; the two entry points do not
 * import each other. Read from the import statements of every source file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Repository paths a file imports (relative specifiers only), `.js` read as the `.ts` source. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers.map((s) => relative(ROOT, normalize(join(ROOT, dirname(file), s))).replace(/\.js$/, '.ts'));
}

function violations(from: string[], forbidden: string[]): string[] {
  return from.flatMap((file) => importsOf(file).filter((target) => forbidden.some((f) => target.startsWith(f))).map((target) => `${file} -> ${target}`));
}

const CORE = [...sourceFiles('src/model'), ...sourceFiles('src/engine'), ...sourceFiles('src/diff'), ...sourceFiles('checks')];
const IO = ['src/github/', 'src/local/', 'src/action/', 'src/queue/', 'src/parallel/', 'src/index.ts', 'src/main.ts', 'src/runtime.ts'];

describe('layers', () => {
  it('the pure core imports no I/O layer', () => {
    expect(CORE.length).toBeGreaterThan(50);
    expect(violations(CORE, IO)).toEqual([]);
  });

  it('the publish layer shared by the App and the Action imports neither entry point', () => {
    const shared = sourceFiles('src/github').filter((file) => !file.startsWith('src/github/app/'));
    expect(shared.length).toBeGreaterThan(30);
    expect(violations(shared, ['src/github/app/', 'src/action/', 'src/index.ts', 'src/main.ts', 'src/runtime.ts'])).toEqual([]);
  });

  it('the Action does not import the App wiring, nor the App the Action', () => {
    expect(violations(sourceFiles('src/action'), ['src/github/app/', 'src/index.ts', 'src/main.ts', 'src/runtime.ts'])).toEqual([]);
    expect(violations([...sourceFiles('src/github/app'), 'src/index.ts', 'src/main.ts', 'src/runtime.ts'], ['src/action/'])).toEqual([]);
  });
});

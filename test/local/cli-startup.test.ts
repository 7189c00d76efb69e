/**
 * What `remediation --version` and `--help` load: the modules cli.ts reaches through static
 * value imports (type-only imports vanish at build time, dynamic ones load on demand). Every
 * module costs start-up time, so the rules, the engine and the parsers must stay behind a
 * dynamic import.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const top = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Specifiers a module imports for their values at load time. */
function staticValueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (!clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

function loadedAtStartUp(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [resolve(top, entry)];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    const name = relative(top, file);
    if (seen.has(name)) continue;
    seen.add(name);
    for (const specifier of staticValueImports(file)) {
      if (specifier.startsWith('.')) todo.push(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else seen.add(specifier);
    }
  }
  return seen;
}

describe('CLI start-up', () => {
  const loaded = loadedAtStartUp('src/local/cli.ts');

  it('follows static imports (the walk itself works)', () => {
    expect(loaded).toContain('src/local/args.ts');
    expect(loaded).toContain('src/local/select.ts');
    expect(loaded).toContain('node:util');
  });

  it('loads no rule, engine, parser or file walk before a scan needs them', () => {
    const heavy = [...loaded].filter((name) => name.startsWith('checks/') || name.startsWith('src/engine/') && name !== 'src/engine/engine-rules.ts' || name.startsWith('src/model/') || name === 'src/local/walk.ts' || name === 'src/local/rule-catalog.ts');
    expect(heavy).toEqual([]);
    for (const pkg of ['web-tree-sitter', 'yaml', 'jsonc-parser', 'picomatch', 'ignore', 'zod']) expect(loaded).not.toContain(pkg);
  });
});

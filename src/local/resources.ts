/**
 * Files shipped with the package (templates, rule docs, package.json), found
 * from this module's own location so they load both when running the sources
 * (`src/local/`, tsx or vitest) and the build (`dist/src/local/`).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { RuleMeta } from '../../checks/types.js';
import { priorityInfo } from '../report/priorities.js';
import { TEMPLATE_FILES, type TemplateName } from '../report/template-files.js';

// src/local -> package root is two levels up; dist/src/local is three.
const ROOT_CANDIDATES = ['../../', '../../../'];

let cachedRoot: string | undefined;

export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  for (const relative of ROOT_CANDIDATES) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) {
      cachedRoot = dir;
      return dir;
    }
  }
  throw new Error(`cannot find the package root (templates/) from ${fileURLToPath(import.meta.url)}`);
}

export async function readTemplate(name: TemplateName): Promise<string> {
  return readFile(join(packageRoot(), 'templates', TEMPLATE_FILES[name]), 'utf8');
}

export async function packageVersion(): Promise<string> {
  const text = await readFile(join(packageRoot(), 'package.json'), 'utf8');
  const version: unknown = JSON.parse(text).version;
  return typeof version === 'string' ? version : '0.0.0';
}

/**
 * The Markdown doc of each rule, keyed by rule id, from
 * `checks/<priority-folder>/<name>.md`. A rule without a doc is left out:
 * renderers fall back to its title and fix.
 */
export async function readRuleDocs(rules: readonly RuleMeta[]): Promise<Map<string, string>> {
  const root = packageRoot();
  const entries = await Promise.all(
    rules.map(async (meta) => {
      const path = join(root, 'checks', priorityInfo(meta.priority).folder, `${meta.name}.md`);
      try {
        return [meta.id, await readFile(path, 'utf8')] as const;
      } catch {
        return undefined;
      }
    }),
  );
  return new Map(entries.filter((entry) => entry !== undefined));
}

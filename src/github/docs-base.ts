/**
 * The App's docs base for rule links in check runs: `REMEDIATION_DOCS_URL`, else the
 * `repository` of the package's package.json (src/report/docs-url.ts). Read once at
 * startup; a package.json that cannot be read means no links, never a failed start.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { docsBaseFrom, DOCS_URL_ENV } from '../report/docs-url.js';

// src/github -> package root is two levels up; dist/src/github is three.
const MANIFEST_CANDIDATES = ['../../package.json', '../../../package.json'];

export function appDocsBase(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env[DOCS_URL_ENV]?.trim()) return docsBaseFrom(env, undefined);
  for (const relative of MANIFEST_CANDIDATES) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (!existsSync(path)) continue;
    try {
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as { repository?: unknown };
      // The first package.json up the tree is the App's own (dist/ has none of its own).
      return docsBaseFrom(env, manifest.repository);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

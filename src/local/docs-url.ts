/**
 * The CLI's docs base: `REMEDIATION_DOCS_URL` from its environment, else the `repository`
 * of the package's package.json (the pure part, shared with the App, is src/report/docs-url.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { docsBaseFrom, DOCS_URL_ENV } from '../report/docs-url.js';
import { packageRoot } from './resources.js';

export { DOCS_URL_ENV, repositoryDocsBase, ruleDocUrl } from '../report/docs-url.js';

export async function docsBaseUrl(env: Readonly<Record<string, string | undefined>> = {}): Promise<string | undefined> {
  if (env[DOCS_URL_ENV]?.trim()) return docsBaseFrom(env, undefined);
  try {
    const manifest: unknown = JSON.parse(await readFile(join(packageRoot(), 'package.json'), 'utf8'));
    return docsBaseFrom(env, (manifest as { repository?: unknown }).repository);
  } catch {
    return undefined;
  }
}

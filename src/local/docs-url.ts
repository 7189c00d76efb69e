/**
 * Where a rule's doc can be read on the web: `<base>/checks/<folder>/<name>.md`.
 * The base is `REMEDIATION_DOCS_URL` when set, else the `repository` of
 * package.json as `<repository>/blob/main`. With neither there is no link: a
 * guessed URL would send readers to a page that may not exist.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuleMeta } from '../../checks/types.js';
import { priorityInfo } from '../report/priorities.js';
import { packageRoot } from './resources.js';
import { isEngineRule } from './rule-catalog.js';

export const DOCS_URL_ENV = 'REMEDIATION_DOCS_URL';

export async function docsBaseUrl(env: Readonly<Record<string, string | undefined>> = {}): Promise<string | undefined> {
  const override = env[DOCS_URL_ENV]?.trim();
  if (override) return override.replace(/\/+$/, '');
  try {
    const manifest: unknown = JSON.parse(await readFile(join(packageRoot(), 'package.json'), 'utf8'));
    return repositoryDocsBase((manifest as { repository?: unknown }).repository);
  } catch {
    return undefined;
  }
}

/**
 * The `repository` field in the forms npm documents: `owner/name`, `github:owner/name`,
 * or `{ "url": "git+https://host/owner/name.git", "directory": "packages/x" }`.
 * Hosts other than GitHub get the same `/blob/main` layout only when given as an https URL.
 */
export function repositoryDocsBase(repository: unknown): string | undefined {
  const field = typeof repository === 'string' ? { url: repository } : repository;
  if (!field || typeof field !== 'object') return undefined;
  const { url, directory } = field as { url?: unknown; directory?: unknown };
  if (typeof url !== 'string') return undefined;
  const web = webUrl(url.trim());
  if (!web) return undefined;
  const folder = typeof directory === 'string' && directory.trim() !== '' ? `/${directory.trim().replace(/^\/+|\/+$/g, '')}` : '';
  return `${web}/blob/main${folder}`;
}

export function ruleDocUrl(base: string | undefined, meta: RuleMeta): string | undefined {
  if (!base || isEngineRule(meta)) return undefined;
  return `${base}/checks/${priorityInfo(meta.priority).folder}/${meta.name}.md`;
}

function webUrl(url: string): string | undefined {
  const shorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(url);
  if (shorthand) return `https://github.com/${shorthand[1]}/${stripGit(shorthand[2])}`;
  const ssh = /^(?:git\+)?(?:ssh:\/\/)?git@([\w.-]+)[:/]([\w.-]+)\/([\w.-]+)$/.exec(url);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}/${stripGit(ssh[3])}`;
  const http = /^(?:git\+)?https?:\/\/([^/\s]+)\/([\w.-]+)\/([\w.-]+)\/?$/.exec(url);
  if (http) return `https://${http[1]}/${http[2]}/${stripGit(http[3])}`;
  return undefined;
}

function stripGit(name: string): string {
  return name.replace(/\.git$/, '');
}

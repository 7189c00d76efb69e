/**
 * Where a rule's doc can be read on the web: `<base>/checks/<folder>/<name>.md`. The
 * base is `REMEDIATION_DOCS_URL` when set, else the `repository` of package.json as
 * `<repository>/blob/main`. With neither there is no link: a guessed URL would send
 * readers to a page that may not exist. Pure: the CLI (src/local/docs-url.ts) and the
 * App (src/github/docs-base.ts) each read the environment and package.json themselves.
 */
import type { RuleMeta } from '../../checks/types.js';
import { priorityInfo } from './priorities.js';

export const DOCS_URL_ENV = 'REMEDIATION_DOCS_URL';

/** The docs base from the environment's override, else from package.json's `repository` field. */
export function docsBaseFrom(env: Readonly<Record<string, string | undefined>>, repository: unknown): string | undefined {
  const override = env[DOCS_URL_ENV]?.trim();
  if (override) return override.replace(/\/+$/, '');
  return repositoryDocsBase(repository);
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

/** The doc of a rule (a finding gives `rule` as its id); none for the engine's own P0xx findings. */
export function ruleDocUrl(base: string | undefined, meta: Pick<RuleMeta, 'id' | 'name' | 'priority'>): string | undefined {
  if (!base || meta.id.startsWith('P0')) return undefined;
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

/**
 * Loads `.github/remediation.yml` through Probot's config plugin (the one behind
 * `context.config`): repository file, else the owner's `.github` repository, then
 * `_extends` chains. We call `octokit.config.get` rather than `context.config` because
 * it also returns the files it read, so a validation error can be traced to the file
 * holding the bad key. Only then is that file fetched again as text to find the line
 * (`yaml`'s source positions): the common, valid case costs no extra request.
 * https://github.com/probot/octokit-plugin-config
 */
import { mdCode, mdText } from './render/escape.js';
import { CONFIG_PATH, formatKeyPath, hasKeyPath, locateKey, mergeConfigLayers, parseConfig, type ConfigIssue, type RemediationConfig } from '../config.js';
import { toText } from './blob-store.js';
import type { GitHub, RepoRef, RunContext } from './types.js';

/** `message` is Markdown: what came from the file is escaped where it is built. */
export type LoadedConfig = { ok: true; config: RemediationConfig; warnings: string[] } | { ok: false; message: string };

interface ConfigFile {
  owner: string;
  repo: string;
  path: string;
  url: string;
  config: Record<string, unknown> | null;
}

/**
 * The repository's config, reused for `repoCacheMs` (the two reads of a repository
 * without a file, repo then owner, are requests GitHub charges, 404s included). A push
 * to a default branch touching the file drops the owner's entries at once (the push
 * handler, with `pushTouchesConfig`); the expiry covers what no webhook tells us (another owner's
 * `_extends` target, an org `.github` repository the app is not installed on).
 */
export async function repositoryConfig(ctx: RunContext): Promise<LoadedConfig> {
  if (ctx.services.config) return ctx.services.config();
  const { cache, repoCacheMs } = ctx.services;
  const cached = repoCacheMs > 0 ? await cache.get<LoadedConfig>('config', ctx.repo).catch(() => undefined) : undefined;
  if (cached) return cached;
  const loaded = await loadConfig(ctx.octokit, ctx.repo);
  await cache.set('config', ctx.repo, loaded, repoCacheMs).catch((error: unknown) => ctx.log.warn({ err: error }, 'could not cache the configuration'));
  return loaded;
}

/** Whether a push's commits add, change or remove a `.github/remediation.yml` (unknown counts as yes). */
export function pushTouchesConfig(commits: { added?: string[]; modified?: string[]; removed?: string[] }[] | undefined, distinctCommitsCapped: boolean): boolean {
  if (!commits || commits.length === 0 || distinctCommitsCapped) return true;
  return commits.some((commit) => [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])].some((path) => path === CONFIG_PATH));
}

export async function loadConfig(octokit: GitHub, repo: RepoRef): Promise<LoadedConfig> {
  let files: ConfigFile[];
  // The Action's client has no config plugin: it never comes here (its services read the workspace's file).
  if (!octokit.config) return { ok: false, message: '- The configuration can only be read from the repository by the App.' };
  try {
    ({ files } = (await octokit.config.get({ ...repo, path: CONFIG_PATH })) as { files: ConfigFile[] });
  } catch (error) {
    if (typeof (error as { status?: unknown }).status === 'number') throw error;
    return { ok: false, message: pluginErrorMessage(error) };
  }
  const layers = files.map((file) => file.config).filter((config): config is Record<string, unknown> => config !== null);
  const result = parseConfig(mergeConfigLayers([...layers].reverse()));
  if (result.ok) return result;
  const lines = await Promise.all(result.issues.map((issue) => describeIssue(octokit, repo, files, issue)));
  return { ok: false, message: lines.join('\n') };
}

async function describeIssue(octokit: GitHub, repo: RepoRef, files: ConfigFile[], issue: ConfigIssue): Promise<string> {
  const file = files.find((f) => f.config !== null && hasKeyPath(f.config, issue.path)) ?? files.find((f) => f.config !== null);
  const key = mdCode(formatKeyPath(issue.path), 200);
  if (!file) return `- ${key}: ${mdText(issue.message)}`;
  const where = mdCode(file.owner === repo.owner && file.repo === repo.repo ? file.path : `${file.owner}/${file.repo}:${file.path}`, 300);
  const line = await lineOf(octokit, file, issue.path);
  return `- ${where}${line ? ` line ${line}` : ''}: ${key}: ${mdText(issue.message)}`;
}

async function lineOf(octokit: GitHub, file: ConfigFile, path: (string | number)[]): Promise<number | undefined> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: file.owner, repo: file.repo, path: file.path, mediaType: { format: 'raw' } });
    return locateKey(toText(data), path);
  } catch {
    return undefined;
  }
}

/** Errors the plugin throws for files it cannot use (invalid YAML, bad `_extends`, recursion). */
function pluginErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message.replace('[@probot/octokit-plugin-config] ', '') : String(error);
  const cause = (error as { cause?: { linePos?: { line: number; col: number }[]; message?: string } }).cause;
  const position = cause?.linePos?.[0];
  const detail = cause?.message ? `: ${cause.message.split('\n')[0]}` : '';
  return `- ${mdText(message)}${position ? ` (line ${position.line}, column ${position.col})` : ''}${mdText(detail)}`;
}

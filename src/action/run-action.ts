/**
 * One Action run, the App's publish path fed from the checkout: on `pull_request` the
 * `Remediation` check run (run-pr-check.ts: same summary, annotations, conclusion), on a
 * push to the default branch the tracking issue (service.ts: same marker, sealed state,
 * board), on `issue_comment` the slash commands (commands.ts) and on `issues` the tracking
 * issue's checkboxes (issue-edits.ts). Returns the exit code: 1 when the check fails or
 * the run could not finish.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Logger } from 'probot';
import { engineOptions, pathFilter, type RemediationConfig } from '../config.js';
import type { EngineOptions, IgnoreEntry, ScanResult } from '../engine/api-types.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { appDocsBase } from '../github/docs-base.js';
import { mdText } from '../github/render/escape.js';
import { runPullRequestCheck } from '../github/run-pr-check.js';
import { openTracking, type TrackingHandle } from '../github/tracking/issue-store.js';
import { pushHead, pushRemovesFiles, recordedIgnores, rescanAndTrack, type PushFacts } from '../github/tracking/service.js';
import type { AppServices, GitHub, RunContext } from '../github/types.js';
import type { Finding, InputFile, Priority } from '../model/types.js';
import { scanOneOff } from '../parallel/auto-threads.js';
import { memoryRepoCache } from '../queue/repo-cache.js';
import { renderSarif } from '../report/render-sarif.js';
import type { ActionEnv } from './env.js';
import { serveComment, type CommentPayload } from './commands.js';
import { loadActionConfig, type ActionConfig } from './config.js';
import { ActionCheckRun, type Fallback } from './fallback.js';
import { serveIssueEdit, type IssueEditPayload } from './issue-edits.js';
import { actionStateSecret, botLoginResolver } from './identity.js';
import { gatherWorkspacePr, pullRequestBase, workspaceSnapshot } from './workspace.js';

export interface ActionDeps {
  octokit: GitHub;
  log: Logger;
  write: (text: string) => void;
  vars: Record<string, string | undefined>;
  engine?: () => Promise<Engine>;
  now?: () => Date;
}

interface Payload extends CommentPayload {
  repository?: { id?: number; name: string; owner: { login: string }; html_url: string; default_branch?: string };
  pull_request?: { number: number; head: { sha: string }; base: { sha: string; ref: string } };
  ref?: string;
  before?: string;
  after?: string;
  deleted?: boolean;
  commits?: { removed?: string[] | null }[];
}

export async function runAction(env: ActionEnv, deps: ActionDeps): Promise<number> {
  const payload = JSON.parse(await readFile(env.eventPath, 'utf8')) as Payload;
  if (env.eventName === 'pull_request' || env.eventName === 'pull_request_target') {
    const pr = payload.pull_request;
    if (!pr) throw new Error(`the ${env.eventName} event has no pull_request`);
    const base = await pullRequestBase(env.workspace, pr.head.sha, pr.base.sha).catch(() => pr.base.sha);
    const loaded = await loadActionConfig(env, base);
    return checkPullRequest(contextFor(env, deps, payload, loaded), env, deps, pr, base, loaded);
  }
  const loaded = await loadActionConfig(env);
  const ctx = contextFor(env, deps, payload, loaded);
  if (env.eventName === 'issue_comment') return serveComment(ctx, env, payload, deps.write);
  if (env.eventName === 'issues') return serveIssueEdit(ctx, env, payload as IssueEditPayload, deps.write);
  if (env.eventName === 'push') {
    const branch = payload.repository?.default_branch;
    if (!branch || payload.ref !== `refs/heads/${branch}` || payload.deleted) {
      deps.log.info({ ref: payload.ref }, 'not a push to the default branch: nothing to do');
      return 0;
    }
    if (!loaded.ok) {
      deps.write(`::error title=Remediation::${loaded.message}\n`);
      return 1;
    }
    const push = { branch, before: payload.before ?? '', sha: payload.after ?? env.sha, removals: pushRemovesFiles(payload.commits ?? []) };
    return trackDefaultBranch(ctx, env, push, loaded.config);
  }
  deps.log.info({ event: env.eventName }, 'event not handled by the Action');
  return 0;
}

async function checkPullRequest(ctx: RunContext, env: ActionEnv, deps: ActionDeps, payload: NonNullable<Payload['pull_request']>, base: string, loaded: ActionConfig): Promise<number> {
  const pr = { number: payload.number, headSha: payload.head.sha, baseSha: payload.base.sha, baseRef: payload.base.ref };
  const fallback: Fallback = { write: deps.write, ...(env.summaryPath ? { summaryPath: env.summaryPath } : {}) };
  const checkRun = new ActionCheckRun(ctx, pr.headSha, fallback);
  if (!loaded.ok) {
    await checkRun.abort('failure', 'Invalid configuration', `The configuration could not be used, so nothing was checked.\n\n${mdText(loaded.message)}\n`);
    return 1;
  }
  const { config } = loaded;
  const handle = env.trackingIssue ? await openTracking(ctx).catch((error: unknown) => void ctx.log.warn({ err: error }, 'tracking issue not read')) : undefined;
  const result = await runPullRequestCheck(ctx, pr, config, {
    checkRun,
    ignores: handle ? recordedIgnores(handle.state, ctx.services.now().toISOString()) : [],
    muted: (handle?.state.muted ?? []) as Priority[],
    notes: loaded.warnings.map((w) => `Configuration: ${mdText(w)}.`),
    ...(handle?.known ? { tracking: trackingLink(handle) } : {}),
    gather: () => gatherWorkspacePr(env.workspace, base, pathFilter(config)),
  });
  if (!result.ok) return 1;
  if (env.sarif) await writeSarif(env, [...result.analysis.added, ...result.analysis.existing]);
  return result.analysis.conclusion === 'failure' ? 1 : 0;
}

/**
 * The board follows the default branch's head: a run whose commit is already on the board
 * (a re-run) or no longer the head (a later push's run is due or done) leaves the issue
 * alone; the SARIF report is of the checkout in every case.
 */
async function trackDefaultBranch(ctx: RunContext, env: ActionEnv, push: PushFacts, config: RemediationConfig): Promise<number> {
  const snapshot = await workspaceSnapshot(env.workspace, pathFilter(config));
  let findings: Finding[] | undefined;
  let ignores: IgnoreEntry[] = [];
  if (env.trackingIssue) {
    const handle = await openTracking(ctx);
    ignores = recordedIgnores(handle.state, ctx.services.now().toISOString());
    const target = await pushHead(ctx, handle, push);
    if (target && target.sha !== push.sha) ctx.log.info({ sha: push.sha, head: target.sha }, 'the branch moved on: the run of its head writes the tracking issue');
    if (target?.sha === push.sha) {
      const outcome = await rescanAndTrack(ctx, config, { branch: push.branch, ...target, snapshot }, { handle, scanned: (facts) => void (findings = facts.findings) });
      ctx.log.info({ outcome }, 'tracking issue');
    }
  }
  if (env.sarif) await writeSarif(env, findings ?? (await scanSnapshot(ctx, snapshot.files, engineOptions(config, ignores))).findings);
  return 0;
}

function trackingLink(handle: TrackingHandle): { issue?: number; state: TrackingHandle['state'] } {
  return { state: handle.state, ...(handle.issue ? { issue: handle.issue.number } : {}) };
}

function scanSnapshot(ctx: RunContext, files: InputFile[], options: EngineOptions): Promise<ScanResult> {
  return ctx.services.scan ? ctx.services.scan(files, options) : ctx.services.engine().then((engine) => engine.scan(files, options));
}

async function writeSarif(env: ActionEnv, findings: Finding[]): Promise<void> {
  const path = resolve(env.workspace, env.sarif!);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, renderSarif(findings, { toolName: 'remediation' }));
}

function contextFor(env: ActionEnv, deps: ActionDeps, payload: Payload, loaded: ActionConfig): RunContext {
  let engine: Promise<Engine> | undefined;
  const services: AppServices = {
    engine: () => (engine ??= (deps.engine ?? createEngine)()),
    // Full scans of a large checkout on the runner's cores (an injected engine, in tests, scans on this thread).
    ...(deps.engine ? {} : { scan: (files, options) => scanOneOff(files, options, { inline: async () => (await services.engine()).scan(files, options), warn: (fields, message) => deps.log.warn(fields, message) }) }),
    botLogin: botLoginResolver(env.token, deps.vars, deps.octokit),
    sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
    now: deps.now ?? (() => new Date()),
    stateSecret: async () => actionStateSecret(deps.vars, env),
    cache: memoryRepoCache(),
    repoCacheMs: 0,
    checkRunGraceMs: 0,
    recheckButton: false,
    // Commands read the config as the App does, from the default branch: here, its checkout (commands.ts).
    config: async () => (loaded.ok ? loaded : { ok: false, message: mdText(loaded.message) }),
    ...(appDocsBase(deps.vars) ? { docsBase: appDocsBase(deps.vars)! } : {}),
  };
  const repository = payload.repository;
  return {
    octokit: deps.octokit,
    log: deps.log,
    services,
    repo: { owner: env.owner, repo: env.repo },
    repoUrl: repository?.html_url ?? `https://github.com/${env.owner}/${env.repo}`,
    ...(typeof repository?.id === 'number' ? { repoId: repository.id } : {}),
  };
}

/**
 * The pull-request check as a plain function of (octokit, repo, pull request, config):
 * no Probot context, so the work can move to a queue worker unchanged.
 */
import { engineOptions, pathFilter, type RemediationConfig } from '../config.js';
import type { IgnoreEntry } from '../engine/api-types.js';
import type { Priority } from '../model/types.js';
import { createBlobStore } from './blob-store.js';
import { MAX_ANNOTATIONS, openCheckRun, toAnnotation, type CheckRun } from './check-run.js';
import { describeFailure } from './failure.js';
import { gatherPullRequest, type GatheredPr } from './gather-pr.js';
import { analysePullRequest, planShare, type PrAnalysis } from './pr-analysis.js';
import { renderCheckOutput } from './render/check-summary.js';
import { postSuggestions } from './suggestions.js';
import type { TrackingState } from './tracking/state.js';
import type { PullRef, RunContext } from './types.js';

export interface PrCheckOptions {
  /** Ignores recorded in the tracking issue by `/remediation ignore`. */
  ignores: IgnoreEntry[];
  muted: Priority[];
  /** Config warnings and the like, shown in the summary. */
  notes: string[];
  /** A check run already opened by the caller (so config loading failures land on it too). */
  checkRun?: CheckRun;
  /** The tracking issue, when there is one: linked, and the plan's open findings counted from its state. */
  tracking?: { issue?: number; state: TrackingState };
  /** Gathers the pull request's files some other way than over the API (the Action reads its checkout). */
  gather?: () => Promise<GatheredPr>;
}

export const TESTS_NOT_READ = "untested-transform (P701) was not checked on this pull request: the repository's tests are read only with a download of the whole repository, which a pull request this small does not make. The default-branch scan checks it.";

export type PrCheckResult = { ok: true; analysis: PrAnalysis } | { ok: false; cause: string };

export async function analysePullRequestChanges(ctx: RunContext, pr: PullRef, config: RemediationConfig, options: PrCheckOptions): Promise<{ analysis: PrAnalysis; gathered: GatheredPr }> {
  const blobs = createBlobStore(ctx.octokit, ctx.repo);
  const gathered = options.gather
    ? await options.gather()
    : await gatherPullRequest(ctx.octokit, ctx.repo, pr, blobs, {
        keepPath: pathFilter(config),
        needJobs: config.priorities.includes(2) || config.priorities.includes(5),
        repoSizeKb: ctx.repoSizeKb,
      });
  const engine = await ctx.services.engine();
  // Only changed files, their context and (from a tarball) the tests are read: whole-repository
  // rules are left to the default-branch scan, and untested-transform needs the tests.
  const result = engine.diff(gathered.input, { ...engineOptions(config, options.ignores), wholeRepository: false, testsKnown: gathered.testsKnown, fixPreviews: true });
  if (!gathered.testsKnown && config.priorities.includes(7)) gathered.notes.push(TESTS_NOT_READ);
  const analysis = analysePullRequest({ result, touched: gathered.touched, changedLines: gathered.changedLines, config, muted: options.muted });
  ctx.log.info({ pr: pr.number, ...gathered.stats, contentRequests: blobs.requests, added: analysis.added.length, fixed: analysis.fixed.length }, 'pull request analysed');
  return { analysis, gathered };
}

export async function runPullRequestCheck(ctx: RunContext, pr: PullRef, config: RemediationConfig, options: PrCheckOptions): Promise<PrCheckResult> {
  const checkRun = options.checkRun ?? (await openCheckRun(ctx, pr.headSha));
  try {
    const { analysis, gathered } = await analysePullRequestChanges(ctx, pr, config, options);
    const docsBase = ctx.services.docsBase;
    const annotations = analysis.annotated.slice(0, MAX_ANNOTATIONS).map((f) => toAnnotation(f, docsBase));
    const output = renderCheckOutput({
      analysis,
      config,
      repoUrl: ctx.repoUrl,
      headSha: pr.headSha,
      baseSha: pr.baseSha,
      notes: [...options.notes, ...gathered.notes],
      annotationsSent: annotations.length,
      ...(docsBase ? { docsBase } : {}),
      ...(options.tracking?.issue !== undefined ? { trackingIssue: options.tracking.issue } : {}),
      plan: planShare(analysis, options.tracking?.state),
    });
    await checkRun.complete(output, analysis.conclusion, annotations);
    if (config.suggestions) await offerSuggestions(ctx, pr, analysis, gathered);
    return { ok: true, analysis };
  } catch (error) {
    const cause = describeFailure(error);
    ctx.log.error({ err: error, pr: pr.number, checkRunId: checkRun.checkRunId }, 'pull request check failed midway');
    await checkRun.abort('neutral', 'The remediation check could not finish', failureSummary(cause, ctx.services.recheckButton !== false));
    return { ok: false, cause };
  }
}

/** The review of suggestion blocks comes after the check: its failure (no `Pull requests: write`) is logged, the check stands. */
async function offerSuggestions(ctx: RunContext, pr: PullRef, analysis: PrAnalysis, gathered: GatheredPr): Promise<void> {
  try {
    await postSuggestions(ctx, pr, analysis.annotated, gathered);
  } catch (error) {
    ctx.log.warn({ pr: pr.number, cause: describeFailure(error) }, 'suggestions not posted');
  }
}

/** `recheckButton` false (the Action): the check has no button, a re-run of the workflow runs it again. */
export function failureSummary(cause: string, recheckButton = true): string {
  return [
    'The check stopped before it could finish, so this result says nothing about the pull request.',
    '',
    `**Cause:** ${cause}`,
    '',
    recheckButton
      ? 'Use **Recheck** above or comment `/remediation recheck` to try again.'
      : 'Re-run the workflow (**Re-run jobs** on its run) to try again; where the workflow also runs on `issue_comment`, commenting `/remediation recheck` does it too.',
  ].join('\n');
}

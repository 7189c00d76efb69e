/**
 * Check-run publishing. A run is created `in_progress`, annotations follow in batches
 * of 50 (GitHub's per-request limit; updates append), and the last update completes it.
 * Secondary rate limits are waited out by the client (throttle.ts); 5xx and network
 * errors are retried by Probot's retry plugin (octokit.ts).
 * https://docs.github.com/en/rest/checks/runs
 */
import type { Finding } from '../model/types.js';
import type { CheckOutput } from './render/check-summary.js';
import { fitAnnotation, fitOutput, INITIAL_FIT, outputChars, refusalOf, shrinkFit, type Fit } from './check-fit.js';
import type { RunContext } from './types.js';

export const CHECK_NAME = 'Remediation';
export const RECHECK_IDENTIFIER = 'recheck';
/** At most 3 actions; label <= 20, description <= 40, identifier <= 20 characters. */
export const RECHECK_ACTION = { label: 'Recheck', description: 'Run the remediation check again', identifier: RECHECK_IDENTIFIER };
export const ANNOTATIONS_PER_REQUEST = 50;
/** Ten update requests at most: beyond that the summary lists the rest (secondary limits count every write). */
export const MAX_ANNOTATIONS = 500;

export type CheckConclusion = 'success' | 'neutral' | 'failure';

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

export async function startCheckRun(ctx: RunContext, headSha: string): Promise<number> {
  const { data } = await ctx.octokit.rest.checks.create({
    ...ctx.repo,
    name: CHECK_NAME,
    head_sha: headSha,
    status: 'in_progress',
    started_at: ctx.services.now().toISOString(),
    output: { title: 'Checking the pull request', summary: 'The remediation check is running.' },
  });
  return data.id;
}

/** At most this many 422s per run before giving up (each one shrinks something). */
const MAX_REFUSALS = 8;

/**
 * Sends the annotations in batches and completes the run with the last request. A 422
 * shrinks what GitHub refused (check-fit.ts) and sends again; the smaller sizes stay for
 * the batches that follow.
 */
export async function completeCheckRun(ctx: RunContext, checkRunId: number, output: CheckOutput, conclusion: CheckConclusion, annotations: Annotation[]): Promise<void> {
  let fit = INITIAL_FIT;
  let refusals = 0;
  let sent = 0;
  for (;;) {
    const batch = annotations.slice(sent, sent + fit.batchSize).map((a) => fitAnnotation(a, fit));
    const last = sent + batch.length >= annotations.length;
    const body = fitOutput(output, fit);
    try {
      await ctx.octokit.rest.checks.update({
        ...ctx.repo,
        check_run_id: checkRunId,
        output: { ...body, ...(batch.length > 0 ? { annotations: batch } : {}) },
        ...(last ? { status: 'completed' as const, conclusion, completed_at: ctx.services.now().toISOString(), actions: [RECHECK_ACTION] } : {}),
      });
    } catch (error) {
      fit = shrunk(ctx, error, fit, ++refusals, { annotations: batch.length, outputChars: outputChars(body) });
      continue;
    }
    sent += batch.length;
    if (last) return;
  }
}

/** The fit to retry with after a refusal, or the error again when it is not a 422 we can shrink away. */
function shrunk(ctx: RunContext, error: unknown, fit: Fit, refusals: number, sent: { annotations: number; outputChars: number }): Fit {
  const refusal = refusalOf(error);
  const next = refusal && refusals <= MAX_REFUSALS ? shrinkFit(fit, refusal, sent) : undefined;
  if (!next) throw error;
  ctx.log.warn({ refusal, ...next, outputChars: Number.isFinite(next.outputChars) ? next.outputChars : undefined }, 'checks API refused the update; sending a smaller one');
  return next;
}

/**
 * Completes a run that could not finish normally, stating the cause. Best effort: if
 * even this fails there is nothing more to do than log it.
 */
export async function abortCheckRun(ctx: RunContext, checkRunId: number, conclusion: 'neutral' | 'failure', title: string, summary: string): Promise<void> {
  try {
    await completeCheckRun(ctx, checkRunId, { title, summary }, conclusion, []);
  } catch (error) {
    ctx.log.error({ err: error, checkRunId }, 'could not complete the check run after a failure');
  }
}

const LEVEL = { failure: 'failure', warning: 'warning', notice: 'notice' } as const;

export function toAnnotation(finding: Finding): Annotation {
  const singleLine = finding.endLine <= finding.line;
  return {
    path: finding.path,
    start_line: finding.line,
    end_line: Math.max(finding.line, finding.endLine),
    // Columns are only accepted when the annotation starts and ends on the same line.
    ...(singleLine && finding.column > 0 ? { start_column: finding.column, end_column: Math.max(finding.column, finding.endColumn ?? finding.column) } : {}),
    annotation_level: LEVEL[finding.severity],
    title: `${finding.rule} ${finding.name}`.slice(0, 255),
    message: `${finding.message}\n\nFix: ${finding.fix}`.slice(0, 60_000),
  };
}

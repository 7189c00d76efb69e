/**
 * Check-run publishing. A run's first request creates it: `in_progress` as soon as its
 * work outlasts a short grace (so a slow check shows it is running), else only at the
 * end, carrying the result (one request instead of two for most pull requests).
 * Annotations go in batches of 50 (GitHub's per-request limit; updates append), and the
 * last request completes the run.
 * Secondary rate limits are waited out by the client (throttle.ts); 5xx and network
 * errors are retried by Probot's retry plugin (octokit.ts).
 * https://docs.github.com/en/rest/checks/runs
 */
import type { Finding } from '../model/types.js';
import { ruleDocUrl } from '../report/docs-url.js';
import { priorityInfo } from '../report/priorities.js';
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
  /** The fix and the rule's doc, behind the annotation's "Show more" (the message says what is wrong). */
  raw_details?: string;
}

/** Creates an `in_progress` run now; its id. */
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

/**
 * One check run. A job's run (`openCheckRun`) is created `in_progress` at once when the
 * grace is 0, else when the grace runs out before `complete`; `complete` then updates it,
 * or creates it with the result if it does not exist yet (also when the early create
 * failed: the result still gets published). A run created earlier (an interrupted one)
 * is given with its id.
 */
export class CheckRun {
  private starting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt: string;

  constructor(
    private readonly ctx: RunContext,
    readonly headSha: string,
    private id?: number,
  ) {
    this.startedAt = ctx.services.now().toISOString();
  }

  /** The run's id once created. */
  get checkRunId(): number | undefined {
    return this.id;
  }

  /** Creates the in-progress run after `graceMs` unless completed before. */
  startAfter(graceMs: number): void {
    this.timer = setTimeout(() => {
      this.starting = startCheckRun(this.ctx, this.headSha).then(
        (id) => void (this.id = id),
        (error: unknown) => this.ctx.log.warn({ err: error }, 'could not create the in-progress check run; the result will create it'),
      );
    }, graceMs);
    this.timer.unref();
  }

  async startNow(): Promise<void> {
    this.id = await startCheckRun(this.ctx, this.headSha);
  }

  /**
   * Publishes the result, the run's last request: the annotations in batches, the last
   * completing the run. A 422 shrinks what GitHub refused (check-fit.ts) and sends again;
   * the smaller sizes stay for the batches that follow.
   */
  async complete(output: CheckOutput, conclusion: CheckConclusion, annotations: Annotation[]): Promise<void> {
    clearTimeout(this.timer);
    await this.starting;
    const { ctx } = this;
    let fit = INITIAL_FIT;
    let refusals = 0;
    let sent = 0;
    for (;;) {
      const batch = annotations.slice(sent, sent + fit.batchSize).map((a) => fitAnnotation(a, fit));
      const last = sent + batch.length >= annotations.length;
      const body = fitOutput(output, fit);
      const content = { output: { ...body, ...(batch.length > 0 ? { annotations: batch } : {}) } };
      // The Recheck button only works where `check_run.requested_action` is delivered (the App, not a workflow).
      const actions = ctx.services.recheckButton === false ? {} : { actions: [RECHECK_ACTION] };
      const completion = { status: 'completed' as const, conclusion, completed_at: ctx.services.now().toISOString(), ...actions };
      try {
        if (this.id === undefined) {
          const { data } = await ctx.octokit.rest.checks.create({
            ...ctx.repo,
            name: CHECK_NAME,
            head_sha: this.headSha,
            started_at: this.startedAt,
            ...content,
            ...(last ? completion : { status: 'in_progress' as const }),
          });
          this.id = data.id;
        } else {
          await ctx.octokit.rest.checks.update({ ...ctx.repo, check_run_id: this.id, ...content, ...(last ? completion : {}) });
        }
      } catch (error) {
        fit = shrunk(ctx, error, fit, ++refusals, { annotations: batch.length, outputChars: outputChars(body) });
        continue;
      }
      sent += batch.length;
      if (last) return;
    }
  }

  /**
   * Completes a run that could not finish normally, stating the cause. Best effort: if
   * even this fails there is nothing more to do than log it.
   */
  async abort(conclusion: 'neutral' | 'failure', title: string, summary: string): Promise<void> {
    try {
      await this.complete({ title, summary }, conclusion, []);
    } catch (error) {
      this.ctx.log.error({ err: error, checkRunId: this.id }, 'could not complete the check run after a failure');
    }
  }
}

/** A job's check run, created now or after the configured grace. */
export async function openCheckRun(ctx: RunContext, headSha: string): Promise<CheckRun> {
  const run = new CheckRun(ctx, headSha);
  if (ctx.services.checkRunGraceMs <= 0) await run.startNow();
  else run.startAfter(ctx.services.checkRunGraceMs);
  return run;
}

/** At most this many 422s per run before giving up (each one shrinks something). */
const MAX_REFUSALS = 8;

/** The fit to retry with after a refusal, or the error again when it is not a 422 we can shrink away. */
function shrunk(ctx: RunContext, error: unknown, fit: Fit, refusals: number, sent: { annotations: number; outputChars: number }): Fit {
  const refusal = refusalOf(error);
  const next = refusal && refusals <= MAX_REFUSALS ? shrinkFit(fit, refusal, sent) : undefined;
  if (!next) throw error;
  ctx.log.warn({ refusal, ...next, outputChars: Number.isFinite(next.outputChars) ? next.outputChars : undefined }, 'checks API refused the update; sending a smaller one');
  return next;
}

const LEVEL = { failure: 'failure', warning: 'warning', notice: 'notice' } as const;

/**
 * One annotation: the title names the priority and the rule (`P1 Watermarking · P101
 * missing-watermark`), the message says what is wrong, and the fix, with the rule's doc
 * when known, goes in `raw_details` (behind "Show more"): the message stays short on the
 * diff, where several annotations can share a line.
 */
export function toAnnotation(finding: Finding, docsBase?: string): Annotation {
  const singleLine = finding.endLine <= finding.line;
  const priority = finding.priority === 0 ? '' : `P${finding.priority} ${priorityInfo(finding.priority).title} · `;
  const doc = finding.priority === 0 ? undefined : ruleDocUrl(docsBase, { id: finding.rule, name: finding.name, priority: finding.priority });
  return {
    path: finding.path,
    start_line: finding.line,
    end_line: Math.max(finding.line, finding.endLine),
    // Columns are only accepted when the annotation starts and ends on the same line.
    ...(singleLine && finding.column > 0 ? { start_column: finding.column, end_column: Math.max(finding.column, finding.endColumn ?? finding.column) } : {}),
    annotation_level: LEVEL[finding.severity],
    title: `${priority}${finding.rule} ${finding.name}`.slice(0, 255),
    message: finding.message.slice(0, 60_000),
    raw_details: `Fix: ${finding.fix}${suggestedChange(finding)}${doc ? `\n\nDocs: ${doc}` : ''}`.slice(0, 60_000),
  };
}

/** The fix the engine can make, as a diff: `remediation fix` applies it (safe) or `--unsafe-fixes` (needs review). */
function suggestedChange(finding: Finding): string {
  const fix = finding.autofix;
  if (!fix?.preview) return '';
  const how = fix.safety === 'safe' ? '`remediation fix`' : '`remediation fix --unsafe-fixes` (review the values)';
  return `\n\n${fix.description}; ${how} makes this change:\n${fix.preview}`;
}

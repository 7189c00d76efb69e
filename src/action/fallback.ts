/**
 * Where a result goes when the token may not create check runs (a pull request from a
 * fork gets a read-only `GITHUB_TOKEN`): workflow annotations on stdout, which the runner
 * shows on the pull request, and the check's summary in the job summary, saying why.
 * https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
 */
import { appendFile } from 'node:fs/promises';
import { CheckRun, type Annotation, type CheckConclusion } from '../github/check-run.js';
import type { CheckOutput } from '../github/render/check-summary.js';
import type { RunContext } from '../github/types.js';
import { escapeData, escapeProperty } from '../report/render-github.js';

const COMMAND = { failure: 'error', warning: 'warning', notice: 'notice' } as const;

export interface Fallback {
  /** Set once the result went to the job instead of a check run. */
  reason?: string;
  write: (text: string) => void;
  summaryPath?: string;
}

export function workflowCommand(a: Annotation): string {
  const props = [
    ['file', a.path],
    ['line', String(a.start_line)],
    ['endLine', String(a.end_line)],
    ...(a.start_column !== undefined ? [['col', String(a.start_column)]] : []),
    ['title', a.title],
  ];
  return `::${COMMAND[a.annotation_level]} ${props.map(([k, v]) => `${k}=${escapeProperty(v!)}`).join(',')}::${escapeData(a.message)}`;
}

export function fallbackSummary(output: CheckOutput, conclusion: CheckConclusion, reason: string): string {
  return [`## ${output.title}`, '', `> No check run was created: ${reason} The result is shown here and as annotations of this job instead.`, '', `Conclusion: **${conclusion}**`, '', output.summary, ''].join('\n');
}

/** A check run that, refused with 403, publishes to the job instead. */
export class ActionCheckRun extends CheckRun {
  constructor(
    ctx: RunContext,
    headSha: string,
    private readonly fallback: Fallback,
  ) {
    super(ctx, headSha);
  }

  override async complete(output: CheckOutput, conclusion: CheckConclusion, annotations: Annotation[]): Promise<void> {
    if (this.fallback.reason === undefined) {
      try {
        return await super.complete(output, conclusion, annotations);
      } catch (error) {
        if ((error as { status?: number }).status !== 403 || this.checkRunId !== undefined) throw error;
        const message = (error as Error).message.split('\n')[0];
        this.fallback.reason = `the token may not create check runs (HTTP 403: ${message}); pull requests from forks get a read-only token.`;
      }
    }
    for (const annotation of annotations) this.fallback.write(`${workflowCommand(annotation)}\n`);
    this.fallback.write(`::warning title=Remediation::${escapeData(`No check run: ${this.fallback.reason} Conclusion: ${conclusion}.`)}\n`);
    if (this.fallback.summaryPath) await appendFile(this.fallback.summaryPath, fallbackSummary(output, conclusion, this.fallback.reason!));
  }
}

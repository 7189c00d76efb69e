/**
 * The check run's output: a per-priority table of what the PR fixes and adds in the
 * summary, the lists in the text, both within 65535 bytes. Pure.
 * https://docs.github.com/en/rest/checks/runs#update-a-check-run
 */
import type { RemediationConfig } from '../../config.js';
import type { Finding } from '../../model/types.js';
import { PRIORITIES } from '../../report/priorities.js';
import type { PrAnalysis } from '../pr-analysis.js';
import { bytes, CHECK_OUTPUT_BYTES, fitTiers, moreNote, truncate, type ListSection } from './budget.js';
import { mdText } from './escape.js';
import { permalink, ruleLabel } from './links.js';

export interface CheckSummaryInput {
  analysis: PrAnalysis;
  config: RemediationConfig;
  repoUrl: string;
  headSha: string;
  baseSha: string;
  /** Config warnings, capped file lists and other things the reader should know. */
  notes: string[];
  annotationsSent: number;
}

export interface CheckOutput {
  title: string;
  summary: string;
  text?: string;
}

const LIMIT_WHY = "GitHub's 65535-byte limit";

export function renderCheckOutput(input: CheckSummaryInput): CheckOutput {
  const { analysis } = input;
  const title = analysis.added.length === 0 && analysis.fixed.length === 0 ? 'No findings added' : `${analysis.fixed.length} fixed, ${analysis.added.length} added`;
  const summary = truncate(renderSummary(input), CHECK_OUTPUT_BYTES, bytes);
  const text = renderText(input);
  return { title, summary, ...(text ? { text } : {}) };
}

/** What the PR fixes and adds, per priority: shared by the check run and `/remediation status`. */
export function renderPriorityTable(analysis: PrAnalysis, config: RemediationConfig): string[] {
  const lines = ['| Priority | Fixed by this PR | Added by this PR | Still open in touched files |', '|---|---:|---:|---:|'];
  for (const info of PRIORITIES) {
    const count = (list: Finding[]): number => list.filter((f) => f.priority === info.priority).length;
    const state = !config.priorities.includes(info.priority) ? ' _(disabled)_' : analysis.muted.includes(info.priority) ? ' _(muted)_' : '';
    lines.push(`| P${info.priority} ${info.title}${state} | ${count(analysis.fixed)} | ${count(analysis.added)} | ${count(analysis.existing)} |`);
  }
  lines.push(`| **Total** | **${analysis.fixed.length}** | **${analysis.added.length}** | **${analysis.existing.length}** |`);
  return lines;
}

function renderSummary(input: CheckSummaryInput): string {
  const { analysis } = input;
  const lines = [analysis.reason, '', ...renderPriorityTable(analysis, input.config), ''];
  const offLine = analysis.added.length - analysis.annotated.length;
  if (input.annotationsSent > 0) lines.push(`${input.annotationsSent} added ${input.annotationsSent === 1 ? 'finding is' : 'findings are'} annotated on the changed lines.`);
  if (input.annotationsSent < analysis.annotated.length) lines.push(`Only the first ${input.annotationsSent} of ${analysis.annotated.length} annotations were sent; the rest are listed below.`);
  if (offLine > 0) lines.push(`${offLine} added ${offLine === 1 ? 'finding is' : 'findings are'} on lines this PR did not change (listed below, not annotated).`);
  if (analysis.suppressed.length > 0) lines.push(`${analysis.suppressed.length} added ${analysis.suppressed.length === 1 ? 'finding is' : 'findings are'} suppressed or ignored.`);
  const roles = rolesLine(analysis);
  if (roles) lines.push(roles);
  for (const note of input.notes) lines.push(`> ${note}`);
  return lines.join('\n').trimEnd() + '\n';
}

function renderText(input: CheckSummaryInput): string | undefined {
  const { analysis } = input;
  const item = (f: Finding, sha: string): string =>
    `- **${ruleLabel(f)}** [${mdText(f.path, 300)}#L${f.line}](${permalink(input.repoUrl, sha, f.path, f.line, f.endLine)}) (${f.severity}): ${mdText(f.message, 400)}`;
  const sections: (ListSection & { heading: string })[] = [
    { id: 'added', heading: 'Added by this pull request', items: analysis.added.map((f) => item(f, input.headSha)) },
    { id: 'fixed', heading: 'Fixed by this pull request', items: analysis.fixed.map((f) => item(f, input.baseSha)) },
    { id: 'existing', heading: 'Still open in the files this pull request touches', items: analysis.existing.map((f) => item(f, input.headSha)) },
    { id: 'suppressed', heading: 'Added but suppressed or ignored', items: analysis.suppressed.map((f) => item(f, input.headSha)) },
    { id: 'problems', heading: 'Files that could not be analysed', items: analysis.problems.map((f) => item(f, input.headSha)) },
  ].filter((s) => s.items.length > 0);
  if (sections.length === 0) return undefined;
  // Added before fixed before still open: what the pull request changes is never cut for the rest.
  return fitTiers(sections, CHECK_OUTPUT_BYTES, bytes, (shown) =>
    sections
      .map((s) => {
        const count = shown.get(s.id) ?? s.items.length;
        const note = moreNote(s.items.length - count, LIMIT_WHY);
        return [`### ${s.heading} (${s.items.length})`, '', ...s.items.slice(0, count), ...(note ? [note] : []), ''].join('\n');
      })
      .join('\n'),
  ).text;
}

const ROLE_NAMES = { setup: 'setup code', exploration: 'exploration', tooling: 'tooling', test: 'tests' } as const;

/** Which touched files the rules judged by another role than pipeline code, so a missing finding is explained. */
function rolesLine(analysis: PrAnalysis): string | undefined {
  if (analysis.roles.length === 0) return undefined;
  const parts = analysis.roles.map(({ role, files }) => `${files} as ${ROLE_NAMES[role]}`);
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `Of the files this pull request touches, the rules treated ${list}: code-hygiene rules judge pipeline code only (file roles; \`roles:\` in \`.github/remediation.yml\` overrides them).`;
}

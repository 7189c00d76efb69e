/**
 * The check run's output, both parts within 65535 bytes. The summary leads with what
 * blocks the pull request (each blocking finding linked to its line and its rule's doc),
 * then the per-priority table, what merging it would close of the plan (linked to the
 * tracking issue) and the rule docs. The text lists what no annotation and no summary
 * line shows: findings added off the changed lines, fixed, still open, suppressed. Pure.
 * https://docs.github.com/en/rest/checks/runs#update-a-check-run
 */
import type { RemediationConfig } from '../../config.js';
import type { Finding } from '../../model/types.js';
import { PRIORITIES } from '../../report/priorities.js';
import { ruleDocUrl } from '../../report/docs-url.js';
import { blockingFindings, plural, type PlanShare, type PrAnalysis } from '../pr-analysis.js';
import { bytes, CHECK_OUTPUT_BYTES, fitTiers, moreNote, type ListSection, type Shown } from './budget.js';
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
  /** How many of `analysis.annotated` were sent as annotations (the first ones): the text does not repeat them. */
  annotationsSent: number;
  /** Where rule docs are read (src/report/docs-url.ts): each rule links its doc; none without it. */
  docsBase?: string;
  /** The tracking issue's number, when there is one. */
  trackingIssue?: number;
  /** How much of the plan the pull request would close (pr-analysis.ts `planShare`). */
  plan?: PlanShare;
}

export interface CheckOutput {
  title: string;
  summary: string;
  text?: string;
}

const LIMIT_WHY = "GitHub's 65535-byte limit";
/** Blocking findings listed in the summary; the rest are annotated or in the text. */
export const BLOCKING_LISTED = 20;

export function renderCheckOutput(input: CheckSummaryInput): CheckOutput {
  const { analysis } = input;
  const title = analysis.added.length === 0 && analysis.fixed.length === 0 ? 'No findings added' : `${analysis.fixed.length} fixed, ${analysis.added.length} added`;
  const { summary, listed } = renderSummary(input);
  const text = renderText(input, listed);
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

/**
 * What blocks first (each blocking finding linked to its line), then the table, then what
 * the pull request does for the plan, where the rest of the findings are, and the notes.
 */
function renderSummary(input: CheckSummaryInput): { summary: string; listed: Set<Finding> } {
  const { analysis, config } = input;
  const blocking = blockingFindings(analysis.added, config);
  const items = blocking.slice(0, BLOCKING_LISTED).map((f) => findingLine(input, f, input.headSha));
  const render = (shown: Shown): string => {
    const count = shown.get('blocking') ?? items.length;
    const lines: string[] = [];
    if (blocking.length > 0) {
      lines.push(`**What blocks this pull request:** ${plural(blocking.length, 'added finding')} at or above \`${config.failOn}\` (the \`fail_on\` setting).`, '');
      lines.push(...items.slice(0, count));
      const more = blocking.length - count;
      if (more > 0) lines.push(`- _… and ${more} more, annotated on their lines or listed below._`);
    } else lines.push(analysis.reason);
    lines.push('', ...renderPriorityTable(analysis, config), '', ...afterTable(input));
    return lines.join('\n').trimEnd() + '\n';
  };
  const fitted = fitTiers([{ id: 'blocking', items }], CHECK_OUTPUT_BYTES, bytes, render);
  const listed = new Set(blocking.slice(0, fitted.shown.get('blocking') ?? items.length));
  return { summary: fitted.text, listed };
}

function afterTable(input: CheckSummaryInput): string[] {
  const { analysis } = input;
  const lines: string[] = [];
  const plan = planLine(input);
  if (plan) lines.push(plan);
  const offLine = analysis.added.length - analysis.annotated.length;
  if (input.annotationsSent > 0) lines.push(`${input.annotationsSent} added ${input.annotationsSent === 1 ? 'finding is' : 'findings are'} annotated on the changed lines (not repeated below).`);
  if (input.annotationsSent < analysis.annotated.length) lines.push(`Only the first ${input.annotationsSent} of ${analysis.annotated.length} annotations were sent; the rest are listed below.`);
  if (offLine > 0) lines.push(`${offLine} added ${offLine === 1 ? 'finding is' : 'findings are'} on lines this PR did not change (listed below, not annotated).`);
  if (analysis.suppressed.length > 0) lines.push(`${analysis.suppressed.length} added ${analysis.suppressed.length === 1 ? 'finding is' : 'findings are'} suppressed or ignored.`);
  const docs = docsLine(input);
  if (docs) lines.push(docs);
  const roles = rolesLine(analysis);
  if (roles) lines.push(roles);
  for (const note of input.notes) lines.push(`> ${note}`);
  return lines;
}

/** "closes 12 of 340 open findings, 3.5 % of the plan", with the tracking issue linked. */
function planLine(input: CheckSummaryInput): string | undefined {
  const { plan, trackingIssue } = input;
  const issue = trackingIssue === undefined ? undefined : `[tracking issue #${trackingIssue}](${input.repoUrl}/issues/${trackingIssue})`;
  if (!plan || plan.closes === 0 || plan.open === 0) return issue ? `The remediation plan is tracked in the ${issue}${plan?.scope === 'plan' ? ` (${plural(plan.open, 'open finding')})` : ''}.` : undefined;
  if (plan.scope === 'touched') return `If merged, this pull request closes ${plan.closes} of the ${plural(plan.open, 'finding')} open in the files it touches (${percent(plan.closes, plan.open)}).`;
  return `If merged, this pull request closes ${plan.closes} of ${plural(plan.open, 'open finding')}, ${percent(plan.closes, plan.open)} of the plan${issue ? ` (${issue})` : ''}.`;
}

function percent(part: number, whole: number): string {
  const value = (part / whole) * 100;
  return value > 0 && value < 0.1 ? '< 0.1 %' : `${value.toFixed(1)} %`;
}

/** Each rule the pull request adds findings of, linked to its doc (annotations are plain text: the link is here). */
function docsLine(input: CheckSummaryInput): string | undefined {
  if (!input.docsBase) return undefined;
  const rules = new Map<string, Finding>();
  for (const f of [...input.analysis.added].sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0))) if (!rules.has(f.rule)) rules.set(f.rule, f);
  const links = [...rules.values()].map((f) => ruleLink(input, f)).filter((link) => link.startsWith('['));
  return links.length > 0 ? `Rule docs: ${links.join(' · ')}` : undefined;
}

/** `[P101 missing-watermark](doc)`, or the label in bold when there is no doc to link. */
function ruleLink(input: CheckSummaryInput, f: Finding): string {
  const url = f.priority === 0 ? undefined : ruleDocUrl(input.docsBase, { id: f.rule, name: f.name, priority: f.priority });
  return url ? `[${ruleLabel(f)}](${url})` : `**${ruleLabel(f)}**`;
}

function findingLine(input: CheckSummaryInput, f: Finding, sha: string): string {
  return `- ${ruleLink(input, f)} [${mdText(f.path, 300)}#L${f.line}](${permalink(input.repoUrl, sha, f.path, f.line, f.endLine)}) (${f.severity}): ${mdText(f.message, 400)}`;
}

/** The lists, without what the annotations and the summary already show. */
function renderText(input: CheckSummaryInput, listed: Set<Finding>): string | undefined {
  const { analysis } = input;
  const sent = new Set(analysis.annotated.slice(0, input.annotationsSent));
  const notShown = analysis.added.filter((f) => !sent.has(f) && !listed.has(f));
  const item = (f: Finding, sha: string): string => findingLine(input, f, sha);
  const sections: (ListSection & { heading: string })[] = [
    { id: 'added', heading: 'Added by this pull request, not annotated', items: notShown.map((f) => item(f, input.headSha)) },
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
  const handRun = analysis.handRun > 0 ? `${analysis.handRun === 1 ? '1 notebook' : `${analysis.handRun} notebooks`} as run by hand (no job, parameter or stream shows it runs unattended)` : undefined;
  if (analysis.roles.length === 0 && !handRun) return undefined;
  const parts = [...analysis.roles.map(({ role, files }) => `${files} as ${ROLE_NAMES[role]}`), ...(handRun ? [handRun] : [])];
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  const why = [...(analysis.roles.length > 0 ? ['code-hygiene rules judge pipeline code only'] : []), ...(handRun ? ['metrics and testing rules skip notebooks run by hand'] : [])].join(', and ');
  return `Of the files this pull request touches, the rules treated ${list}: ${why} (file roles; \`roles:\` in \`.github/remediation.yml\` overrides them).`;
}

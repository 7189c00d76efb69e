/**
 * The tracking issue body, rendered from its state block alone (so it can always be
 * rebuilt), under 58,000 characters. Pure.
 *
 * The room is spent by tier (tracking-budget.ts): every priority with open findings keeps
 * at least one line per file ("`x.py`: 12 open"), then findings are listed one per line,
 * failures before warnings before notices, evenly across priorities; "resolved recently"
 * gets what is left. No priority ever shows open findings with none listed.
 * Findings are plain list items: the only checkboxes are the actions, in their own list.
 */
import { PRIORITIES } from '../../report/priorities.js';
import { actionCheckbox, muteAction, RESCAN_ACTION } from '../tracking/checkboxes.js';
import { encodeState, ISSUE_MARKER, type PriorityKey, type TrackingState } from '../tracking/state.js';
import { ISSUE_BODY_CHARS } from './budget.js';
import { renderIgnoresSection } from './ignores-section.js';
import { mdCode, mdText } from './escape.js';
import { permalink, progressBar, shortSha } from './links.js';
import { allocate, type Allocation, type Listing } from './tracking-budget.js';

export interface TrackingBodyInput {
  state: TrackingState;
  repoUrl: string;
  /** Seals the state block (state.ts). */
  key: Buffer;
}

type Item = TrackingState['items'][number];

interface Row {
  priority: number;
  title: string;
  open: Item[];
  /** Findings counted but not listed (size limit); treated as open. */
  unlisted: number;
  suppressed: number;
  total: number;
  resolved: number;
  recent: TrackingState['recent'];
  prs: { number: number; count: number }[];
  muted: boolean;
}

const SEVERITY_RANK: Record<Item['v'], number> = { failure: 0, warning: 1, notice: 2 };

export function renderTrackingBody(input: TrackingBodyInput): string {
  const block = encodeState(input.state, input.key);
  const rows = buildRows(input.state);
  const listings: Listing[] = rows.map((row) => ({
    id: row.priority,
    items: row.muted ? [] : row.open.map((i) => ({ text: openItem(input, i), file: i.f, tier: SEVERITY_RANK[i.v] })),
    recent: row.recent.map((r) => recentItem(r)),
    summary: (file, open, failures, partly) => fileSummary(input, file, open, failures, partly),
  }));
  const fixed = (allocation: Allocation): string => renderVisible(input, rows, allocation);
  const limit = ISSUE_BODY_CHARS - block.length - 1;
  return `${allocate(listings, limit, fixed)}\n${block}`;
}

function buildRows(state: TrackingState): Row[] {
  const openHashes = new Set(state.items.filter((i) => !i.s).map((i) => i.h));
  const priorityOf = new Map(state.items.map((i) => [i.h, i.p]));
  return PRIORITIES.map((info) => {
    const key = info.key as PriorityKey;
    const listed = state.items.filter((i) => i.p === info.priority);
    const unlisted = (state.more[key]?.length ?? 0) + (state.uncounted?.[key] ?? 0);
    const done = state.done[key] ?? 0;
    const prs = Object.entries(state.prs)
      .filter(([, pr]) => !pr.merged)
      .map(([number, pr]) => ({ number: Number(number), count: pr.resolves.filter((h) => openHashes.has(h) && priorityOf.get(h) === info.priority).length }))
      .filter((pr) => pr.count > 0)
      .sort((a, b) => b.count - a.count || a.number - b.number);
    return {
      priority: info.priority,
      title: info.title,
      open: listed.filter((i) => !i.s).sort((a, b) => SEVERITY_RANK[a.v] - SEVERITY_RANK[b.v] || (a.f < b.f ? -1 : a.f > b.f ? 1 : a.l - b.l)),
      unlisted,
      suppressed: listed.filter((i) => i.s).length,
      total: done + listed.length + unlisted,
      resolved: done,
      recent: state.recent.filter((r) => r.p === info.priority),
      prs,
      muted: state.muted.includes(info.priority),
    };
  });
}

function renderVisible(input: TrackingBodyInput, rows: Row[], allocation: Allocation): string {
  const { state } = input;
  const out: string[] = [ISSUE_MARKER];
  if (state.scan) {
    out.push(
      `Remediation progress of the code review on ${mdCode(state.scan.branch, 100)}, last scanned at [\`${shortSha(state.scan.sha)}\`](${input.repoUrl}/commit/${state.scan.sha}) on ${state.scan.at.slice(0, 10)}.`,
    );
  }
  if (state.baseline) out.push(`Baseline: [\`${shortSha(state.baseline.sha)}\`](${input.repoUrl}/commit/${state.baseline.sha}) on ${state.baseline.at.slice(0, 10)}.`);
  if (allocation.cut) out.push('', `> Some findings are summarised per file to keep this issue under ${ISSUE_BODY_CHARS.toLocaleString('en-US')} characters (failures are listed first).`);
  const unlisted = rows.reduce((n, r) => n + r.unlisted, 0);
  if (unlisted > 0) out.push('', `> ${unlisted} more findings are counted but not listed: the repository has more than this issue can hold.`);
  out.push('', '| Priority | Progress | Resolved / total | Open | Suppressed |', '|---|---|---:|---:|---:|');
  for (const row of rows) {
    const name = `P${row.priority} ${row.title}${row.muted ? ' _(muted)_' : ''}`;
    out.push(`| [${name}](#p${row.priority}) | ${progressBar(row.resolved, row.total)} | ${row.resolved} / ${row.total} | ${row.open.length + row.unlisted} | ${row.suppressed} |`);
  }
  const total = rows.reduce((acc, r) => ({ resolved: acc.resolved + r.resolved, total: acc.total + r.total }), { resolved: 0, total: 0 });
  out.push(`| **All** | ${progressBar(total.resolved, total.total)} | ${total.resolved} / ${total.total} | ${rows.reduce((n, r) => n + r.open.length + r.unlisted, 0)} | ${rows.reduce((n, r) => n + r.suppressed, 0)} |`);
  for (const row of rows) out.push('', ...renderRow(row, allocation.lines.get(row.priority)));
  out.push(...renderIgnoresSection(state));
  out.push('', '## Actions', '', actionCheckbox(RESCAN_ACTION, 'Re-scan the default branch now'));
  for (const row of rows) out.push(actionCheckbox(muteAction(row.priority), `${row.muted ? 'Unmute' : 'Mute'} P${row.priority} ${row.title}`));
  out.push('', '<sub>This issue is rewritten by the app from the sealed data block at its end; edits to the text are not kept, ticked boxes are acted on for users allowed to.</sub>');
  return out.join('\n');
}

function renderRow(row: Row, lines: { open: string[]; recent: string[] } | undefined): string[] {
  const open = row.open.length + row.unlisted;
  const out = [`<a id="p${row.priority}"></a>`, `## P${row.priority} ${row.title}`, '', `${progressBar(row.resolved, row.total)} · **${row.resolved} / ${row.total} resolved** · ${open} open · ${row.suppressed} suppressed`];
  if (row.muted) out.push('', '_Muted: not annotated and not counted in pull-request checks._');
  else if (row.open.length > 0) out.push('', `<details><summary>${row.open.length} open</summary>`, '', ...(lines?.open ?? []), '', '</details>');
  if (row.recent.length > 0 && (lines?.recent.length ?? 0) > 0) out.push('', '**Resolved recently**', '', ...lines!.recent);
  if (row.prs.length > 0) out.push('', `**Open pull requests that would resolve more:** ${row.prs.map((pr) => `#${pr.number} (${pr.count})`).join(', ')}`);
  return out;
}

function openItem(input: TrackingBodyInput, i: Item): string {
  const sha = input.state.scan?.sha ?? 'HEAD';
  return `- [${i.r} ${i.n}: ${mdText(i.f, 300)}#L${i.l}](${permalink(input.repoUrl, sha, i.f, i.l)}) (${i.v})`;
}

function fileSummary(input: TrackingBodyInput, file: string, open: number, failures: number, partly: boolean): string {
  const sha = input.state.scan?.sha ?? 'HEAD';
  const what = `${open} ${partly ? 'more ' : ''}open${failures > 0 ? `, ${failures} ${failures === 1 ? 'failure' : 'failures'}` : ''}`;
  return `- [${mdText(file, 300)}](${permalink(input.repoUrl, sha, file)}): ${what}`;
}

function recentItem(r: TrackingState['recent'][number]): string {
  return `- ${r.r} ${r.n}: ${mdText(r.f, 300)}, resolved ${r.pr ? `by #${r.pr}` : `at \`${shortSha(r.sha)}\``} on ${r.at.slice(0, 10)}`;
}

/**
 * The tracking issue body, rendered from its state block alone (so it can always be
 * rebuilt), under 58,000 characters: the longest list is cut first, and the cut is said. Pure.
 */
import { PRIORITIES } from '../../report/priorities.js';
import { actionCheckbox, muteAction, RESCAN_ACTION } from '../tracking/checkboxes.js';
import { encodeState, ISSUE_MARKER, type PriorityKey, type TrackingState } from '../tracking/state.js';
import { chars, fitLists, ISSUE_BODY_CHARS, moreNote, type ListSection, type Shown } from './budget.js';
import { escapeCell, permalink, progressBar, shortSha } from './links.js';

export interface TrackingBodyInput {
  state: TrackingState;
  repoUrl: string;
}

interface Row {
  priority: number;
  title: string;
  open: TrackingState['items'];
  /** Findings counted but not listed (size limit); treated as open. */
  unlisted: number;
  suppressed: number;
  total: number;
  resolved: number;
  recent: TrackingState['recent'];
  prs: { number: number; count: number }[];
  muted: boolean;
}

const WHY = 'kept under 58,000 characters';

export function renderTrackingBody(input: TrackingBodyInput): string {
  const block = encodeState(input.state);
  const rows = buildRows(input.state);
  const sections: ListSection[] = rows.flatMap((row) => [
    { id: `open-${row.priority}`, items: row.muted ? [] : row.open.map((i) => openItem(input, i)) },
    { id: `recent-${row.priority}`, items: row.recent.map((r) => recentItem(r)) },
  ]);
  const items = new Map(sections.map((s) => [s.id, s.items]));
  const limit = ISSUE_BODY_CHARS - block.length - 1;
  const isCut = (shown: Shown): boolean => [...shown].some(([id, count]) => count < (items.get(id)?.length ?? 0));
  const { text } = fitLists(sections, limit, chars, (shown) => renderVisible(input, rows, items, shown, isCut(shown)));
  return `${text}\n${block}`;
}

function buildRows(state: TrackingState): Row[] {
  const openHashes = new Set(state.items.filter((i) => !i.s).map((i) => i.h));
  return PRIORITIES.map((info) => {
    const key = info.key as PriorityKey;
    const listed = state.items.filter((i) => i.p === info.priority);
    const unlisted = state.more[key]?.length ?? 0;
    const done = state.done[key] ?? 0;
    const prs = Object.entries(state.prs)
      .filter(([, pr]) => !pr.merged)
      .map(([number, pr]) => ({ number: Number(number), count: pr.resolves.filter((h) => openHashes.has(h) && state.items.some((i) => i.h === h && i.p === info.priority)).length }))
      .filter((pr) => pr.count > 0)
      .sort((a, b) => b.count - a.count || a.number - b.number);
    return {
      priority: info.priority,
      title: info.title,
      open: listed.filter((i) => !i.s).sort((a, b) => (a.f < b.f ? -1 : a.f > b.f ? 1 : a.l - b.l)),
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

function renderVisible(input: TrackingBodyInput, rows: Row[], items: Map<string, string[]>, shown: Shown, sayCut: boolean): string {
  const { state } = input;
  const out: string[] = [ISSUE_MARKER];
  if (state.scan) {
    out.push(
      `Remediation progress of the code review on \`${state.scan.branch}\`, last scanned at [\`${shortSha(state.scan.sha)}\`](${input.repoUrl}/commit/${state.scan.sha}) on ${state.scan.at.slice(0, 10)}.`,
    );
  }
  if (state.baseline) out.push(`Baseline: [\`${shortSha(state.baseline.sha)}\`](${input.repoUrl}/commit/${state.baseline.sha}) on ${state.baseline.at.slice(0, 10)}.`);
  if (sayCut) out.push('', `> Some lists below are shortened to keep this issue under ${ISSUE_BODY_CHARS.toLocaleString('en-US')} characters (the longest first).`);
  const unlisted = rows.reduce((n, r) => n + r.unlisted, 0);
  if (unlisted > 0) out.push('', `> ${unlisted} more findings are counted but not listed: the repository has more than this issue can hold.`);
  out.push('', '| Priority | Progress | Resolved / total | Open | Suppressed |', '|---|---|---:|---:|---:|');
  for (const row of rows) {
    const name = `P${row.priority} ${row.title}${row.muted ? ' _(muted)_' : ''}`;
    out.push(`| [${name}](#p${row.priority}) | ${progressBar(row.resolved, row.total)} | ${row.resolved} / ${row.total} | ${row.open.length + row.unlisted} | ${row.suppressed} |`);
  }
  const total = rows.reduce((acc, r) => ({ resolved: acc.resolved + r.resolved, total: acc.total + r.total }), { resolved: 0, total: 0 });
  out.push(`| **All** | ${progressBar(total.resolved, total.total)} | ${total.resolved} / ${total.total} | ${rows.reduce((n, r) => n + r.open.length + r.unlisted, 0)} | ${rows.reduce((n, r) => n + r.suppressed, 0)} |`);
  out.push('', actionCheckbox(RESCAN_ACTION, 'Re-scan the default branch now'));
  for (const row of rows) out.push('', ...renderRow(row, items, shown));
  if (state.ignores.length > 0) {
    out.push('', '## Ignored with `/remediation ignore`', '');
    for (const i of state.ignores) out.push(`- \`${escapeCell(i.selector)}\`${i.path ? ` in \`${escapeCell(i.path)}\`` : ''}: ${escapeCell(i.reason)} (@${i.by}${i.pr ? `, #${i.pr}` : ''}, ${i.at.slice(0, 10)})`);
  }
  out.push('', '<sub>This issue is rewritten by the app from the data block at its end; edits to the text are not kept, ticked boxes are acted on.</sub>');
  return out.join('\n');
}

function renderRow(row: Row, items: Map<string, string[]>, shown: Shown): string[] {
  const out = [`<a id="p${row.priority}"></a>`, `## P${row.priority} ${row.title}`, '', `${progressBar(row.resolved, row.total)} · **${row.resolved} / ${row.total} resolved** · ${row.open.length + row.unlisted} open · ${row.suppressed} suppressed`];
  const list = (id: string): string[] => {
    const all = items.get(id) ?? [];
    const count = shown.get(id) ?? all.length;
    const note = moreNote(all.length - count, WHY);
    return [...all.slice(0, count), ...(note ? [note] : [])];
  };
  if (row.muted) out.push('', '_Muted: not annotated and not counted in pull-request checks._');
  else if (row.open.length > 0) out.push('', `<details><summary>${row.open.length} open</summary>`, '', ...list(`open-${row.priority}`), '', '</details>');
  if (row.recent.length > 0) out.push('', '**Resolved recently**', '', ...list(`recent-${row.priority}`));
  if (row.prs.length > 0) out.push('', `**Open pull requests that would resolve more:** ${row.prs.map((pr) => `#${pr.number} (${pr.count})`).join(', ')}`);
  out.push('', actionCheckbox(muteAction(row.priority), `${row.muted ? 'Unmute' : 'Mute'} P${row.priority} ${row.title}`));
  return out;
}

function openItem(input: TrackingBodyInput, i: TrackingState['items'][number]): string {
  const sha = input.state.scan?.sha ?? 'HEAD';
  return `- [ ] [${i.r} ${i.n}: ${escapeCell(i.f)}#L${i.l}](${permalink(input.repoUrl, sha, i.f, i.l)}) (${i.v})`;
}

function recentItem(r: TrackingState['recent'][number]): string {
  return `- [x] ${r.r} ${r.n}: ${escapeCell(r.f)}, resolved ${r.pr ? `by #${r.pr}` : `at \`${shortSha(r.sha)}\``} on ${r.at.slice(0, 10)}`;
}

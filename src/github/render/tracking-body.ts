/**
 * The tracking issue body, a remediation board rendered from its state block alone (so it
 * can always be rebuilt), under 58,000 characters. Pure.
 *
 * From the top: the progress table (with the failures left per priority) and what blocks
 * merges; the trend; the owners (from CODEOWNERS); the merged pull requests and what each
 * fixed and added; then each priority's open findings grouped by file (one permalink per
 * file, its findings severity first); the ignores; the actions.
 *
 * The room is spent by tier (tracking-budget.ts): every priority with open findings keeps
 * a line per file, then the files' failures, the owners table, the ledger, warnings,
 * notices, the charts and "resolved recently" follow as far as the room allows; a note at
 * the top says what was cut. No priority ever shows open findings with no file listed.
 * Findings are plain list items: the only checkboxes are the actions, in their own list.
 */
import { atOrAbove, PRIORITIES } from '../../report/priorities.js';
import { actionCheckbox, muteAction, RESCAN_ACTION } from '../tracking/checkboxes.js';
import { encodeState, ISSUE_MARKER, type PriorityKey, type TrackingState } from '../tracking/state.js';
import { boardSections, chartUnits, cutParts, ledgerUnits, ownerUnits, renderLedger, renderOwners, renderTrend, type BoardSections } from './board-sections.js';
import { ISSUE_BODY_CHARS } from './budget.js';
import { fileLine, groupByFile, levelsOf, type FileGroup, type LineContext } from './file-lines.js';
import { renderIgnoresSection } from './ignores-section.js';
import { mdCode, mdText } from './escape.js';
import { progressBar, shortSha } from './links.js';
import { allocate, roundRobin, type Unit } from './tracking-budget.js';

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
  files: FileGroup[];
  /** Findings counted but not listed (size limit); treated as open. */
  unlisted: number;
  suppressed: number;
  failures: number;
  total: number;
  resolved: number;
  recent: string[];
  prs: { number: number; count: number }[];
  muted: boolean;
}

const RECENT_SHOWN = 10;

export function renderTrackingBody(input: TrackingBodyInput): string {
  const block = encodeState(input.state, input.key);
  const failOn = input.state.scan?.failOn ?? 'failure';
  const rows = buildRows(input.state, failOn);
  const ctx: LineContext = { repoUrl: input.repoUrl, sha: input.state.scan?.sha ?? 'HEAD', ...(input.state.owners ? { owners: input.state.owners } : {}) };
  const board = boardSections(input.state, input.repoUrl, failOn);
  const listed = rows.filter((r) => !r.muted);
  const fileUnits = (level: number): Unit[] =>
    roundRobin(
      listed.map((row) =>
        row.files.flatMap((g, j): Unit[] => {
          const key = `f${row.priority}.${j}`;
          if (level === 0) return [{ key, group: `files${row.priority}`, cost: fileLine(ctx, g, 0).length + 1 + (j === 0 ? 80 : 0) }];
          const levels = levelsOf(g);
          if (!levels.includes(level)) return [];
          const before = levels.filter((l) => l < level);
          const previous = before.length > 0 ? Math.max(...before) : 0;
          return [{ key: `${key}.L${level}`, group: key, after: previous === 0 ? key : `${key}.L${previous}`, cost: fileLine(ctx, g, level).length - fileLine(ctx, g, previous).length }];
        }),
      ),
    );
  const recentUnits = roundRobin(rows.map((row) => row.recent.map((text, k): Unit => ({ key: `r${row.priority}.${k}`, group: `r${row.priority}`, cost: text.length + 1 + (k === 0 ? 30 : 0) }))));
  const tiers = [fileUnits(0), fileUnits(1), ownerUnits(board), ledgerUnits(board), fileUnits(2), fileUnits(3), chartUnits(board), recentUnits];
  const limit = ISSUE_BODY_CHARS - block.length - 1;
  const fitted = allocate(tiers, limit, (accepted, cut) => renderVisible(input, ctx, rows, board, accepted, cut));
  return `${fitted.text}\n${block}`;
}

function buildRows(state: TrackingState, failOn: Item['v']): Row[] {
  const openHashes = new Set(state.items.filter((i) => !i.s).map((i) => i.h));
  const priorityOf = new Map(state.items.map((i) => [i.h, i.p]));
  const point = state.trend?.[state.trend.length - 1];
  const pointIsScan = point !== undefined && state.scan !== null && state.scan.sha.startsWith(point.c);
  return PRIORITIES.map((info) => {
    const key = info.key as PriorityKey;
    const listed = state.items.filter((i) => i.p === info.priority);
    const open = listed.filter((i) => !i.s);
    const unlisted = (state.more[key]?.length ?? 0) + (state.uncounted?.[key] ?? 0);
    const done = state.done[key] ?? 0;
    const failuresListed = open.filter((i) => atOrAbove(i.v, failOn)).length;
    // Findings known by hash have no severity here: the scan's own count covers them.
    const failures = unlisted > 0 && pointIsScan ? Math.max(failuresListed, point.f[info.priority - 1] ?? 0) : failuresListed;
    const prs = Object.entries(state.prs)
      .filter(([, pr]) => !pr.merged)
      .map(([number, pr]) => ({ number: Number(number), count: pr.resolves.filter((h) => openHashes.has(h) && priorityOf.get(h) === info.priority).length }))
      .filter((pr) => pr.count > 0)
      .sort((a, b) => b.count - a.count || a.number - b.number);
    return {
      priority: info.priority,
      title: info.title,
      open,
      files: groupByFile(open),
      unlisted,
      suppressed: listed.length - open.length,
      failures,
      total: done + listed.length + unlisted,
      resolved: done,
      recent: state.recent.filter((r) => r.p === info.priority).slice(0, RECENT_SHOWN).map(recentItem),
      prs,
      muted: state.muted.includes(info.priority),
    };
  });
}

function renderVisible(input: TrackingBodyInput, ctx: LineContext, rows: Row[], board: BoardSections, accepted: ReadonlySet<string>, cut: boolean): string {
  const { state } = input;
  const out: string[] = [ISSUE_MARKER];
  if (state.scan) {
    out.push(
      `Remediation progress of the code review on ${mdCode(state.scan.branch, 100)}, last scanned at [\`${shortSha(state.scan.sha)}\`](${input.repoUrl}/commit/${state.scan.sha}) on ${state.scan.at.slice(0, 10)}.`,
    );
  }
  if (state.baseline) out.push(`Baseline: [\`${shortSha(state.baseline.sha)}\`](${input.repoUrl}/commit/${state.baseline.sha}) on ${state.baseline.at.slice(0, 10)}.`);
  if (cut) out.push('', cutNote(rows, board, accepted));
  const unlisted = rows.reduce((n, r) => n + r.unlisted, 0);
  if (unlisted > 0) out.push('', `> ${unlisted} more findings are counted but not listed: the repository has more than this issue can hold.`);
  const retired = Object.values(state.retired ?? {}).reduce((n, c) => n + (c ?? 0), 0);
  if (retired > 0) out.push('', `> ${retired === 1 ? '1 finding is' : `${retired} findings are`} no longer reported since an update of the rules: not counted as resolved, since no code changed for them.`);
  out.push('', '| Priority | Progress | Resolved / total | Open | Failures left | Suppressed |', '|---|---|---:|---:|---:|---:|');
  for (const row of rows) {
    const name = `P${row.priority} ${row.title}${row.muted ? ' _(muted)_' : ''}`;
    out.push(`| [${name}](#p${row.priority}) | ${progressBar(row.resolved, row.total)} | ${row.resolved} / ${row.total} | ${row.open.length + row.unlisted} | ${row.failures} | ${row.suppressed} |`);
  }
  const sum = (f: (r: Row) => number): number => rows.reduce((n, r) => n + f(r), 0);
  const total = { resolved: sum((r) => r.resolved), total: sum((r) => r.total) };
  out.push(`| **All** | ${progressBar(total.resolved, total.total)} | ${total.resolved} / ${total.total} | ${sum((r) => r.open.length + r.unlisted)} | ${sum((r) => r.failures)} | ${sum((r) => r.suppressed)} |`);
  const failOn = state.scan?.failOn ?? 'failure';
  const failures = sum((r) => r.failures);
  out.push(
    '',
    `**What blocks merges:** a pull request's check fails when it adds a finding at or above \`${failOn}\` (the \`fail_on\` setting). ${failures === 1 ? '1 such finding is' : `${failures} such findings are`} open${state.scan ? ` on ${mdCode(state.scan.branch, 100)}` : ''}: the failures left.`,
  );
  out.push(...renderTrend(board, accepted), ...renderOwners(board, accepted), ...renderLedger(board, accepted));
  for (const row of rows) out.push('', ...renderRow(ctx, row, accepted));
  out.push(...renderIgnoresSection(state));
  out.push('', '## Actions', '', actionCheckbox(RESCAN_ACTION, 'Re-scan the default branch now'));
  for (const row of rows) out.push(actionCheckbox(muteAction(row.priority), `${row.muted ? 'Unmute' : 'Mute'} P${row.priority} ${row.title}`));
  out.push('', '<sub>This issue is rewritten by the app from the sealed data block at its end; edits to the text are not kept, ticked boxes are acted on for users allowed to.</sub>');
  return out.join('\n');
}

/** What the size limit left out, in one place at the top. */
function cutNote(rows: Row[], board: BoardSections, accepted: ReadonlySet<string>): string {
  let summarised = 0;
  for (const row of rows) {
    if (row.muted) continue;
    row.files.forEach((g, j) => {
      const key = `f${row.priority}.${j}`;
      const level = accepted.has(key) ? Math.max(0, ...[1, 2, 3].filter((l) => accepted.has(`${key}.L${l}`))) : 0;
      summarised += g.items.filter((i) => ['failure', 'warning', 'notice'].indexOf(i.v) >= level).length;
    });
  }
  const cut = cutParts(board, accepted);
  const parts = [
    ...(summarised > 0 ? [`${summarised} findings are counted per file rather than listed (failures are listed first)`] : []),
    ...(cut.owners > 0 ? [`${cut.owners} ${cut.owners === 1 ? 'owner is' : 'owners are'} left out of the owners table`] : []),
    ...(cut.ledger > 0 ? [`${cut.ledger} merged pull-request lines are summed into the older totals`] : []),
    ...(cut.charts ? ['burn-down charts are left out'] : []),
  ];
  const what = parts.length > 0 ? parts.join('; ') : 'some resolved findings are not listed';
  return `> To keep this issue under ${ISSUE_BODY_CHARS.toLocaleString('en-US')} characters: ${what}.`;
}

function renderRow(ctx: LineContext, row: Row, accepted: ReadonlySet<string>): string[] {
  const open = row.open.length + row.unlisted;
  const failures = row.failures > 0 ? ` · ${row.failures} ${row.failures === 1 ? 'failure' : 'failures'} left` : '';
  const out = [`<a id="p${row.priority}"></a>`, `## P${row.priority} ${row.title}`, '', `${progressBar(row.resolved, row.total)} · **${row.resolved} / ${row.total} resolved** · ${open} open${failures} · ${row.suppressed} suppressed`];
  if (row.muted) out.push('', '_Muted: not annotated and not counted in pull-request checks._');
  else if (row.open.length > 0) out.push('', `<details><summary>${row.open.length} open in ${row.files.length} ${row.files.length === 1 ? 'file' : 'files'}</summary>`, '', ...fileLines(ctx, row, accepted), '', '</details>');
  const recent = row.recent.filter((_, k) => accepted.has(`r${row.priority}.${k}`));
  if (recent.length > 0) out.push('', '**Resolved recently**', '', ...recent);
  if (row.prs.length > 0) out.push('', `**Open pull requests that would resolve more:** ${row.prs.map((pr) => `#${pr.number} (${pr.count})`).join(', ')}`);
  return out;
}

function fileLines(ctx: LineContext, row: Row, accepted: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  let hiddenFiles = 0;
  let hidden = 0;
  row.files.forEach((g, j) => {
    const key = `f${row.priority}.${j}`;
    if (!accepted.has(key)) {
      hiddenFiles += 1;
      hidden += g.items.length;
      return;
    }
    lines.push(fileLine(ctx, g, Math.max(0, ...[1, 2, 3].filter((l) => accepted.has(`${key}.L${l}`)))));
  });
  if (hiddenFiles > 0) lines.push(`- _… and ${hidden} more in ${hiddenFiles} more ${hiddenFiles === 1 ? 'file' : 'files'} (kept under the issue's size limit)._`);
  return lines;
}

function recentItem(r: TrackingState['recent'][number]): string {
  return `- ${r.r} ${r.n}: ${mdText(r.f, 300)}, resolved ${r.pr ? `by #${r.pr}` : `at \`${shortSha(r.sha)}\``} on ${r.at.slice(0, 10)}`;
}

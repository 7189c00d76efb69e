/**
 * The board's summary sections of the tracking issue: the trend (text lines and burn-down
 * charts), the owners table and the pull-request ledger, each with the budget units it can
 * be cut by (tracking-budget.ts) and the note saying what was cut. Pure.
 */
import type { Severity } from '../../model/types.js';
import { withTotals } from '../tracking/ledger.js';
import type { TrackingState } from '../tracking/state.js';
import { mdCode } from './escape.js';
import { ledgerLine, ledgerRestLine } from './ledger-lines.js';
import { OWNER_TABLE_HEAD, ownerRows, ownerTableRow } from './owners.js';
import { burnDownChart, trendLines, TREND_WINDOW_DAYS } from './trend-chart.js';
import type { Unit } from './tracking-budget.js';

export const TREND_HEADING = '## Trend';
export const OWNERS_HEADING = '## Owners';
export const LEDGER_HEADING = '## Merged pull requests';

export interface BoardSections {
  trend: string[];
  charts: { key: string; text: string }[];
  owners?: { source: string; rows: { key: string; text: string }[] };
  ledger: { key: string; text: string }[];
  state: TrackingState;
  repoUrl: string;
}

export function boardSections(state: TrackingState, repoUrl: string, failOn: Severity): BoardSections {
  const series = state.trend ?? [];
  const charts = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((p) => {
    const text = burnDownChart(series, p);
    return text ? [{ key: `c${p}`, text }] : [];
  });
  const owners = state.owners ? { source: state.owners.src, rows: ownerRows(state, failOn).map((row, i) => ({ key: `o${i}`, text: ownerTableRow(row) })) } : undefined;
  const ledger = (state.ledger ?? []).map((entry, i) => ({ key: `l${i}`, text: ledgerLine(repoUrl, entry) }));
  return { trend: trendLines(series), charts, ...(owners ? { owners } : {}), ledger, state, repoUrl };
}

const unit = (group: string, first: number) => (entry: { key: string; text: string }, i: number): Unit => ({ key: entry.key, group, cost: entry.text.length + 1 + (i === 0 ? first : 0) });

export function ownerUnits(board: BoardSections): Unit[] {
  return (board.owners?.rows ?? []).map(unit('owners', OWNER_TABLE_HEAD.join('\n').length + 2));
}

export function ledgerUnits(board: BoardSections): Unit[] {
  return board.ledger.map(unit('ledger', 0));
}

export function chartUnits(board: BoardSections): Unit[] {
  return board.charts.map(unit('charts', 60));
}

export interface CutParts {
  owners: number;
  ledger: number;
  charts: boolean;
}

export function cutParts(board: BoardSections, accepted: ReadonlySet<string>): CutParts {
  return {
    owners: (board.owners?.rows ?? []).filter((r) => !accepted.has(r.key)).length,
    ledger: board.ledger.filter((l) => !accepted.has(l.key)).length,
    charts: board.charts.some((c) => !accepted.has(c.key)),
  };
}

export function renderTrend(board: BoardSections, accepted: ReadonlySet<string>): string[] {
  if (board.trend.length === 0) return [];
  const series = board.state.trend ?? [];
  const out = ['', TREND_HEADING, '', `Open findings per priority over the last ${TREND_WINDOW_DAYS} days (${series.length} ${series.length === 1 ? 'scan' : 'scans'} kept since ${series[0].d}):`, '', ...board.trend];
  if (board.charts.length === 0) return out;
  const shown = board.charts.filter((c) => accepted.has(c.key));
  if (shown.length > 0) out.push('', '<details><summary>Burn-down per priority</summary>', '', ...shown.flatMap((c) => [c.text, '']), '</details>');
  if (shown.length < board.charts.length) out.push('', `_${shown.length > 0 ? 'Some burn-down charts are' : 'The burn-down charts are'} left out to keep this issue under its size limit._`);
  return out;
}

export function renderOwners(board: BoardSections, accepted: ReadonlySet<string>): string[] {
  // Without CODEOWNERS the section is left out, not shown empty.
  if (!board.owners) return [];
  const out = ['', OWNERS_HEADING, '', `Open findings per owner of their file, from ${mdCode(board.owners.source, 64)} (the last matching pattern wins; a file with several owners counts for each):`];
  if (board.owners.rows.length === 0) return [...out, '', '_No open findings._'];
  const shown = board.owners.rows.filter((r) => accepted.has(r.key));
  const hidden = board.owners.rows.length - shown.length;
  if (shown.length > 0) out.push('', ...OWNER_TABLE_HEAD, ...shown.map((r) => r.text));
  if (hidden > 0) out.push('', `- _… and ${hidden} more ${hidden === 1 ? 'owner' : 'owners'} (kept under the issue's size limit)._`);
  return out;
}

export function renderLedger(board: BoardSections, accepted: ReadonlySet<string>): string[] {
  const { state } = board;
  const entries = state.ledger ?? [];
  if (entries.length === 0 && !state.ledgerRest) return [];
  const shown = board.ledger.filter((l) => accepted.has(l.key));
  // Lines left out are added to the older totals: every scan stays counted.
  const rest = withTotals(state.ledgerRest, entries.slice(shown.length));
  const branch = state.scan ? ` of ${mdCode(state.scan.branch, 100)}` : '';
  return ['', LEDGER_HEADING, '', `What each scan${branch} fixed and added, and the merged pull requests it covers, newest first:`, '', ...shown.map((l) => l.text), ...(rest ? [ledgerRestLine(rest)] : [])];
}

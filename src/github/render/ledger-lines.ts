/**
 * The board's pull-request ledger: one line per scan of the default branch that changed the
 * findings or covered a merge, newest first, naming its merged pull requests (GitHub links
 * `#12`), what it fixed and added per priority, and the scanned commit. Older entries are one
 * line of totals. Pure.
 */
import { sumCounts, type PerPriority } from '../tracking/ledger.js';
import type { LedgerEntry, LedgerRest } from '../tracking/state.js';
import { shortSha } from './links.js';

function perPriority(counts: PerPriority): string {
  const total = sumCounts(counts);
  if (total === 0) return '0';
  const parts = Object.entries(counts)
    .filter(([, n]) => n)
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([p, n]) => `P${p} ${n}`);
  return `${total} (${parts.join(', ')})`;
}

export function ledgerLine(repoUrl: string, entry: LedgerEntry): string {
  const who = entry.prs.length > 0 ? entry.prs.map((n) => `#${n}`).join(', ') : 'No merged pull request seen';
  const where = `[\`${shortSha(entry.sha)}\`](${repoUrl}/commit/${entry.sha}) on ${entry.at.slice(0, 10)}`;
  return `- ${who} (scanned at ${where}): fixed ${perPriority(entry.fixed)}, added ${perPriority(entry.added)}`;
}

export function ledgerRestLine(rest: LedgerRest): string {
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return `- Older: ${plural(rest.entries, 'scan', 'scans')} (${plural(rest.prs, 'merged pull request', 'merged pull requests')}) since ${rest.since.slice(0, 10)} fixed ${perPriority(rest.fixed)}, added ${perPriority(rest.added)}`;
}

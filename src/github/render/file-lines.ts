/**
 * A priority's open findings grouped by file: one line per file, one permalink to the file at
 * the scanned commit, then its findings severity first (rule, then its lines), then what is
 * not listed. Each line comes at four levels of detail (tracking-budget.ts spends the room):
 * 0 the counts only, 1 with its failures, 2 and warnings, 3 and notices. Pure.
 */
import type { TrackingState } from '../tracking/state.js';
import { mdText } from './escape.js';
import { permalink } from './links.js';
import { ownerLabel } from './owners.js';

type Item = TrackingState['items'][number];
type Severity = Item['v'];

export const SEVERITIES: Severity[] = ['failure', 'warning', 'notice'];

export interface FileGroup {
  path: string;
  items: Item[];
  counts: Record<Severity, number>;
  /** Index into `owners.sets` (undefined: no owner, or no CODEOWNERS). */
  owners?: number;
}

/** Files sorted severity first (failures, then warnings), then by open findings and path; findings by severity, rule, line. */
export function groupByFile(items: readonly Item[]): FileGroup[] {
  const byPath = new Map<string, Item[]>();
  for (const i of items) byPath.set(i.f, [...(byPath.get(i.f) ?? []), i]);
  const rank = (v: Severity): number => SEVERITIES.indexOf(v);
  const groups = [...byPath].map(([path, list]) => {
    const sorted = [...list].sort((a, b) => rank(a.v) - rank(b.v) || (a.r < b.r ? -1 : a.r > b.r ? 1 : 0) || a.l - b.l);
    const counts = { failure: 0, warning: 0, notice: 0 };
    for (const i of sorted) counts[i.v] += 1;
    const owners = sorted.find((i) => i.o !== undefined)?.o;
    return { path, items: sorted, counts, ...(owners !== undefined ? { owners } : {}) };
  });
  return groups.sort((a, b) => b.counts.failure - a.counts.failure || b.counts.warning - a.counts.warning || b.items.length - a.items.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface LineContext {
  repoUrl: string;
  sha: string;
  owners?: TrackingState['owners'];
}

/** The file's line listing severities up to `level` (0: none). */
export function fileLine(ctx: LineContext, group: FileGroup, level: number): string {
  const owner = group.owners !== undefined && ctx.owners ? ownerLabel(ctx.owners.sets[group.owners] ?? []) : '';
  const head = `- [${mdText(group.path, 300)}](${permalink(ctx.repoUrl, ctx.sha, group.path)})${owner ? ` (${owner})` : ''}: `;
  const listed = SEVERITIES.slice(0, level);
  const parts = listed.filter((v) => group.counts[v] > 0).map((v) => `**${v}** ${rulesOf(group.items.filter((i) => i.v === v))}`);
  const rest = SEVERITIES.filter((v) => !listed.includes(v));
  const more = rest.reduce((n, v) => n + group.counts[v], 0);
  if (more > 0) {
    const failures = rest.includes('failure') && group.counts.failure > 0 ? `, ${group.counts.failure} ${group.counts.failure === 1 ? 'failure' : 'failures'}` : '';
    parts.push(`${more} ${parts.length > 0 ? 'more ' : ''}open${failures}`);
  }
  return head + parts.join(' · ');
}

/** Highest level worth rendering: levels above add nothing to the line. */
export function levelsOf(group: FileGroup): number[] {
  return [1, 2, 3].filter((level) => group.counts[SEVERITIES[level - 1]] > 0);
}

/** `P101 missing-watermark L12, L40; P102 x L3`. */
function rulesOf(items: readonly Item[]): string {
  const byRule = new Map<string, Item[]>();
  for (const i of items) byRule.set(i.r, [...(byRule.get(i.r) ?? []), i]);
  return [...byRule.values()].map((list) => `${mdText(list[0].r, 16)} ${mdText(list[0].n, 80)} ${list.map((i) => `L${i.l}`).join(', ')}`).join('; ');
}

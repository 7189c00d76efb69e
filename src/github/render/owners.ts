/**
 * Owners on the board: the owners of a file (from CODEOWNERS, recorded at the scan), and the
 * "Owners" table summing open findings per owner. Pure.
 *
 * Owners are shown as code spans: `@org/team` in an issue body would mention (and notify)
 * the team on every rewrite of the issue, and an email would become a mailto link. A code
 * span is neither, and mdCode keeps any backtick in a repository's CODEOWNERS inside it.
 */
import { atOrAbove } from '../../report/priorities.js';
import type { Severity } from '../../model/types.js';
import type { TrackingState } from '../tracking/state.js';
import { mdCode } from './escape.js';

export function ownerLabel(owners: readonly string[]): string {
  return owners.map((o) => mdCode(o, 100)).join(' ');
}

export interface OwnerRow {
  /** Undefined: the files no CODEOWNERS rule gives an owner. */
  owner?: string;
  files: number;
  open: number;
  failures: number;
}

/** Open findings per owner (a file with several owners counts for each), most open first; files nobody owns last. */
export function ownerRows(state: TrackingState, failOn: Severity): OwnerRow[] {
  if (!state.owners) return [];
  const sets = state.owners.sets;
  const rows = new Map<string | undefined, { files: Set<string>; open: number; failures: number }>();
  for (const i of state.items) {
    if (i.s) continue;
    const owners = i.o !== undefined && sets[i.o]?.length ? sets[i.o] : [undefined];
    for (const owner of owners) {
      const row = rows.get(owner) ?? { files: new Set<string>(), open: 0, failures: 0 };
      row.files.add(i.f);
      row.open += 1;
      if (atOrAbove(i.v, failOn)) row.failures += 1;
      rows.set(owner, row);
    }
  }
  return [...rows]
    .map(([owner, r]) => ({ ...(owner !== undefined ? { owner } : {}), files: r.files.size, open: r.open, failures: r.failures }))
    .sort((a, b) => Number(a.owner === undefined) - Number(b.owner === undefined) || b.failures - a.failures || b.open - a.open || ((a.owner ?? '') < (b.owner ?? '') ? -1 : 1));
}

export function ownerTableRow(row: OwnerRow): string {
  // A pipe ends a table cell even inside a code span.
  return `| ${row.owner !== undefined ? mdCode(row.owner, 100).replace(/\|/g, '\\|') : '_no owner_'} | ${row.files} | ${row.open} | ${row.failures} |`;
}

export const OWNER_TABLE_HEAD = ['| Owner | Files | Open | Failures left |', '|---|---:|---:|---:|'];

/**
 * Applying fixes to file texts, pure: the CLI reads and writes the files (src/local). A fix is
 * taken whole or not at all; one whose edits overlap those of a fix taken before it is skipped
 * (a later run, on the fixed text, can take it), as ruff does. The same edit in two fixes (the
 * `import logging` every P601 fix of a file adds) is made once.
 */
import type { FileEdit, Fix } from '../model/fix-types.js';

export interface FixRequest {
  /** The finding's fingerprint, to say which were fixed. */
  id: string;
  fix: Fix;
}

export interface ApplyResult {
  /** New text of every file an applied fix changed. */
  texts: Map<string, string>;
  applied: string[];
  /** Fixes left out: their edits overlap an applied one, or name a file not given. */
  skipped: string[];
}

type Range = Pick<FileEdit, 'start' | 'end' | 'text'>;

/** Text with non-overlapping edits made; offsets refer to the text given. */
export function applyEdits(text: string, edits: readonly Range[]): string {
  const sorted = [...edits].sort(byPosition);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

export function applyFixes(files: ReadonlyMap<string, string>, requests: readonly FixRequest[]): ApplyResult {
  const taken = new Map<string, Range[]>();
  const applied: string[] = [];
  const skipped: string[] = [];
  for (const { id, fix } of requests) {
    const fits = fix.edits.every((edit) => {
      const text = files.get(edit.path);
      return text !== undefined && edit.start >= 0 && edit.end >= edit.start && edit.end <= text.length && !(taken.get(edit.path) ?? []).some((other) => conflicts(edit, other));
    });
    if (!fits) {
      skipped.push(id);
      continue;
    }
    for (const edit of fix.edits) {
      const list = taken.get(edit.path) ?? [];
      if (!list.some((other) => same(edit, other))) list.push(edit);
      taken.set(edit.path, list);
    }
    applied.push(id);
  }
  const texts = new Map<string, string>();
  for (const [path, edits] of taken) texts.set(path, applyEdits(files.get(path) ?? '', edits));
  return { texts, applied, skipped };
}

function same(a: Range, b: Range): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text;
}

/** Overlapping ranges, or two different insertions at one point (which goes first is a choice). */
function conflicts(a: Range, b: Range): boolean {
  if (same(a, b)) return false;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/** By start; at one point an insertion goes before the replacement that starts there. */
function byPosition(a: Range, b: Range): number {
  return a.start - b.start || (a.end - a.start) - (b.end - b.start);
}

/**
 * A fix as a unified diff of the lines it touches, for a reader who cannot run it (the check
 * run's annotation). Only the touched lines are compared: a per-finding diff of a whole 5 MB
 * notebook would cost what the scan costs.
 */
import type { FileEdit } from '../model/fix-types.js';
import { applyEdits } from './apply-fixes.js';

/** The hunks of the edits of `path`, `text` being the file's text they refer to; '' when none. */
export function fixPreview(path: string, text: string, edits: readonly FileEdit[]): string {
  const own = edits.filter((edit) => edit.path === path).sort((a, b) => a.start - b.start);
  if (own.length === 0) return '';
  const hunks: string[] = [];
  let shift = 0;
  for (const group of byLines(text, own)) {
    const from = text.lastIndexOf('\n', group[0].start - 1) + 1;
    const lineEnd = text.indexOf('\n', group[group.length - 1].end);
    const to = lineEnd < 0 ? text.length : lineEnd;
    const before = text.slice(from, to);
    const after = applyEdits(before, group.map((edit) => ({ start: edit.start - from, end: edit.end - from, text: edit.text })));
    const line = lineNumber(text, from);
    const old = before.split('\n');
    const now = after.split('\n');
    hunks.push(`@@ -${line},${old.length} +${line + shift},${now.length} @@\n${old.map((l) => `-${l}`).join('\n')}\n${now.map((l) => `+${l}`).join('\n')}\n`);
    shift += now.length - old.length;
  }
  return `--- a/${path}\n+++ b/${path}\n${hunks.join('')}`;
}

/** Edits grouped when they touch the same or adjacent lines: one hunk each. */
function byLines(text: string, edits: readonly FileEdit[]): FileEdit[][] {
  const groups: FileEdit[][] = [];
  for (const edit of edits) {
    const last = groups[groups.length - 1];
    const previous = last?.[last.length - 1];
    const lineEnd = previous ? text.indexOf('\n', previous.end) : -1;
    if (previous && (lineEnd < 0 ? text.length : lineEnd) >= edit.start - 1) last.push(edit);
    else groups.push([edit]);
  }
  return groups;
}

function lineNumber(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

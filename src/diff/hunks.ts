/**
 * Changed lines and hunks between two versions of a file, with the `diff` package.
 * Context 0, so every hunk is exactly one run of changes.
 */
import { createRequire } from 'node:module';

// Loaded on the first diff: `scan` never needs it.
let diffModule: typeof import('diff') | undefined;
function diffLib(): typeof import('diff') {
  diffModule ??= createRequire(import.meta.url)('diff') as typeof import('diff');
  return diffModule;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

export interface FileChange {
  hunks: Hunk[];
  /** Head lines (1-based) that were added or modified. */
  added: Set<number>;
}

/**
 * Edits (added plus removed lines) beyond which two versions count as rewritten. Myers' diff
 * costs about (lines x edits): unbounded, two rewritten 10 000-line files took 25 s; capped,
 * the worst case is well under a second. A rewrite is reported as one hunk over both files.
 */
export const MAX_EDIT_LENGTH = 1000;

export function changeBetween(baseText: string | undefined, headText: string): FileChange {
  if (baseText === undefined) return wholeFileAdded(headText);
  try {
    const patch = diffLib().structuredPatch('base', 'head', baseText, headText, '', '', { context: 0, maxEditLength: MAX_EDIT_LENGTH });
    return patch ? fromHunks(patch.hunks) : wholeFileReplaced(baseText, headText);
  } catch {
    return wholeFileReplaced(baseText, headText);
  }
}

/** Hunks and added lines of a unified patch (GitHub's `patch` field has no file header). */
export function changeFromPatch(patch: string): FileChange | undefined {
  try {
    const text = patch.startsWith('---') ? patch : `--- a\n+++ b\n${patch}`;
    const [parsed] = diffLib().parsePatch(text);
    return parsed && parsed.hunks.every(wellFormed) ? fromHunks(parsed.hunks) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A header such as `@@ -1,2 +1,2` (no closing `@@`) parses with null starts, and huge numbers
 * parse as unsafe integers: either would put NaN or phantom lines among the added lines.
 */
function wellFormed(hunk: Hunk): boolean {
  const numbers = [hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines];
  if (!numbers.every((n) => Number.isSafeInteger(n) && n >= 0)) return false;
  return (hunk.newLines === 0 || hunk.newStart >= 1) && (hunk.oldLines === 0 || hunk.oldStart >= 1);
}

function fromHunks(hunks: { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] }[]): FileChange {
  const added = new Set<number>();
  const out: Hunk[] = [];
  for (const hunk of hunks) {
    let line = hunk.newStart;
    for (const text of hunk.lines) {
      if (text.startsWith('+')) added.add(line++);
      else if (text.startsWith(' ')) line++;
    }
    // A context-free hunk may still carry context lines from a patch: keep only the changed run.
    out.push({ oldStart: hunk.oldStart, oldLines: hunk.oldLines, newStart: hunk.newStart, newLines: hunk.newLines });
  }
  return { hunks: out, added };
}

function lineCount(text: string): number {
  return text === '' ? 0 : text.split('\n').length;
}

function wholeFileAdded(text: string): FileChange {
  const count = lineCount(text);
  const added = new Set<number>();
  for (let i = 1; i <= count; i++) added.add(i);
  return { hunks: count > 0 ? [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: count }] : [], added };
}

/** Every head line changed, and the hunk covers the base too, so resolved findings map into it. */
function wholeFileReplaced(baseText: string, headText: string): FileChange {
  const change = wholeFileAdded(headText);
  const oldLines = lineCount(baseText);
  const newLines = lineCount(headText);
  if (oldLines === 0 && newLines === 0) return change;
  return { added: change.added, hunks: [{ oldStart: oldLines > 0 ? 1 : 0, oldLines, newStart: newLines > 0 ? 1 : 0, newLines }] };
}

/**
 * The `patch` field of `pulls.listFiles` is a unified diff without its `---`/`+++`
 * header. Reverse-applying it to the head content rebuilds the base content without a
 * second request; its `+` lines are the changed lines that annotations may go on.
 */
import { applyPatch, parsePatch, reversePatch, structuredPatch, type StructuredPatch } from 'diff';

export function parseGitHubPatch(path: string, patch: string): StructuredPatch | undefined {
  try {
    const [parsed] = parsePatch(`--- a/${path}\n+++ b/${path}\n${patch}`);
    return parsed && parsed.hunks.length > 0 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The base content, or undefined when the patch does not apply to the head. */
export function rebuildBase(head: string, parsed: StructuredPatch): string | undefined {
  try {
    const base = applyPatch(head, reversePatch(parsed));
    return base === false ? undefined : base;
  } catch {
    return undefined;
  }
}

/** Head line numbers (1-based) added or modified by the patch. */
export function addedLines(parsed: StructuredPatch): Set<number> {
  const lines = new Set<number>();
  for (const hunk of parsed.hunks) {
    let line = hunk.newStart;
    for (const text of hunk.lines) {
      if (text.startsWith('+')) lines.add(line++);
      else if (text.startsWith(' ')) line++;
    }
  }
  return lines;
}

/** Changed head lines computed locally, for files whose patch GitHub left out. */
export function addedLinesBetween(path: string, base: string, head: string): Set<number> {
  return addedLines(structuredPatch(path, path, base, head, '', '', { context: 0 }));
}

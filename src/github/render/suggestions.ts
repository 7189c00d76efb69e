/**
 * Review comments with GitHub suggestion blocks, one per new finding that has a fix, for the
 * opt-in `suggestions: true`. A suggestion replaces whole lines of the head file, so it is
 * offered only when every edit of the fix lies in one short run of lines the pull request
 * changed (GitHub accepts review comments on lines of the diff only); a fix that also edits
 * the top of the file (P601's `import logging`) is left to the CLI and the annotation.
 * https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/reviewing-changes-in-pull-requests/incorporating-feedback-in-your-pull-request
 * Pure.
 */
import { applyEdits } from '../../engine/apply-fixes.js';
import type { Finding } from '../../model/types.js';
import { lineStartsOf, pointAtOffset } from '../../model/text.js';
import { mdText } from './escape.js';

/** One review comment of `POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews`. */
export interface SuggestionComment {
  path: string;
  /** Last line the suggestion replaces (head side). */
  line: number;
  /** First line, when the suggestion replaces more than one. */
  start_line?: number;
  side: 'RIGHT';
  start_side?: 'RIGHT';
  body: string;
  /** The finding's fingerprint, also carried in the body's marker (re-runs skip it). */
  fingerprint: string;
}

/** Lines one suggestion may replace: a longer block is a rewrite to review in an editor. */
export const MAX_SUGGESTION_LINES = 12;
/** Comments in the one review: the rest stay in the annotations and `remediation fix`. */
export const MAX_SUGGESTIONS = 30;
/** Characters of a comment body: GitHub refuses bodies over 65,536; a longer block is no one-click fix. */
export const MAX_BODY_CHARS = 60_000;

const MARKER = 'remediation-suggestion';
const HEX = new Set('0123456789abcdef');

/** The hidden marker of a suggestion comment: `<!-- remediation-suggestion:<fingerprint> -->`. */
export function suggestionMarker(fingerprint: string): string {
  return `<!-- ${MARKER}:${fingerprint} -->`;
}

/** The fingerprint a comment body carries, when it is one of ours. */
export function markedFingerprint(body: string): string | undefined {
  const start = body.indexOf(`<!-- ${MARKER}:`);
  if (start < 0) return undefined;
  const from = start + MARKER.length + 6;
  const end = body.indexOf(' -->', from);
  const value = end < 0 ? '' : body.slice(from, end);
  return value.length > 0 && value.length <= 64 && [...value].every((c) => HEX.has(c)) ? value : undefined;
}

export interface SuggestionInput {
  findings: readonly Finding[];
  /** Head texts as the engine read them (BOM removed, LF newlines): the fixes' offsets refer to these. */
  heads: ReadonlyMap<string, string>;
  /** Head path -> lines the pull request added or changed. */
  changedLines: ReadonlyMap<string, ReadonlySet<number>>;
  /** Fingerprints already suggested on this pull request. */
  done: ReadonlySet<string>;
}

export function suggestionComments(input: SuggestionInput): SuggestionComment[] {
  const out: SuggestionComment[] = [];
  const starts = new Map<string, number[]>();
  for (const finding of input.findings) {
    if (out.length >= MAX_SUGGESTIONS) break;
    const comment = suggestionFor(finding, input, starts);
    if (comment) out.push(comment);
  }
  return out;
}

function suggestionFor(finding: Finding, input: SuggestionInput, starts: Map<string, number[]>): SuggestionComment | undefined {
  const fix = finding.autofix;
  if (!fix || fix.edits.length === 0 || input.done.has(finding.fingerprint)) return undefined;
  if (fix.edits.some((edit) => edit.path !== finding.path)) return undefined;
  const text = input.heads.get(finding.path);
  if (text === undefined || fix.edits.some((edit) => edit.start < 0 || edit.end < edit.start || edit.end > text.length)) return undefined;
  // Whole lines from the first edit's line to the last one's.
  const from = text.lastIndexOf('\n', Math.min(...fix.edits.map((e) => e.start)) - 1) + 1;
  const lastEnd = Math.max(...fix.edits.map((e) => e.end));
  const newline = text.indexOf('\n', lastEnd);
  const to = newline < 0 ? text.length : newline;
  const startLine = lineOf(starts, finding.path, text, from);
  const endLine = lineOf(starts, finding.path, text, to);
  if (endLine - startLine + 1 > MAX_SUGGESTION_LINES) return undefined;
  const changed = input.changedLines.get(finding.path);
  for (let line = startLine; line <= endLine; line++) if (!changed?.has(line)) return undefined;
  const replacement = applyEdits(text.slice(from, to), fix.edits.map((e) => ({ start: e.start - from, end: e.end - from, text: e.text })));
  const fence = fenceFor(replacement);
  const body = [
    suggestionMarker(finding.fingerprint),
    `**${finding.rule} ${finding.name}** (${fix.safety === 'safe' ? 'safe fix' : 'fix to review: check the value before committing'}): ${mdText(fix.description, 300)}`,
    '',
    `${fence}suggestion`,
    replacement,
    fence,
  ].join('\n');
  if (body.length > MAX_BODY_CHARS) return undefined;
  return {
    path: finding.path,
    line: endLine,
    ...(startLine < endLine ? { start_line: startLine, start_side: 'RIGHT' as const } : {}),
    side: 'RIGHT',
    body,
    fingerprint: finding.fingerprint,
  };
}

/** 1-based line of `offset`, with each file's line starts found once. */
function lineOf(starts: Map<string, number[]>, path: string, text: string, offset: number): number {
  let list = starts.get(path);
  if (!list) starts.set(path, (list = lineStartsOf(text)));
  return pointAtOffset(list, offset).row + 1;
}

/** A fence longer than any run of backticks in the replacement, so code cannot close it. */
function fenceFor(text: string): string {
  let longest = 0;
  let run = 0;
  for (const ch of text) {
    run = ch === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

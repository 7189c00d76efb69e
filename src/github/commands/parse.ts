/**
 * Slash commands: only the first line of a comment is read, so quoting or mentioning a
 * command further down does nothing. Pure.
 */
import { mdCode, plain } from '../render/escape.js';
import { IGNORE_CATEGORIES, type IgnoreCategory } from '../tracking/state.js';

export type Command =
  | { kind: 'help' }
  | { kind: 'status' }
  | { kind: 'recheck' }
  | { kind: 'ignore'; selector: string; path?: string; reason: string; category?: IgnoreCategory; until?: string }
  | { kind: 'unignore'; selector: string; path?: string }
  | { kind: 'invalid'; subcommand: 'ignore' | 'unignore'; problem: string }
  | { kind: 'unknown'; subcommand: string };

const PREFIX = /^\/remediation(?:\s+(.*))?$/i;
/** What an ignore may record (the state block has room for a bounded number of them: STATE_LIMITS). */
export const MAX_IGNORE_PATH = 200;
export const MAX_IGNORE_REASON = 200;
/** Longer first lines are not commands: nothing of them is echoed. */
const MAX_COMMAND_LINE = 1_000;
/** `P4` (a priority), `P401` (a rule id) or `kafka-unbounded` (a rule name). */
const SELECTOR = /^(P[1-8]|P[1-8]\d{2}|[a-z][a-z0-9]*(?:-[a-z0-9]+)+)$/;

export function parseCommand(body: string | null | undefined): Command | undefined {
  // A lone CR ends a line as GitHub renders it, too.
  const firstLine = (body ?? '').slice(0, MAX_COMMAND_LINE + 2).split(/\r\n|\r|\n/, 1)[0].trim();
  if (firstLine.length > MAX_COMMAND_LINE) return undefined;
  const match = PREFIX.exec(firstLine);
  if (!match) return undefined;
  const rest = (match[1] ?? '').trim();
  const [word = ''] = rest.split(/\s+/);
  switch (word.toLowerCase()) {
    case '':
    case 'help':
      return { kind: 'help' };
    case 'status':
      return { kind: 'status' };
    case 'recheck':
      return { kind: 'recheck' };
    case 'ignore':
      return parseIgnore(rest.slice(word.length).trim());
    case 'unignore':
      return parseUnignore(rest.slice(word.length).trim());
    default:
      return { kind: 'unknown', subcommand: word.slice(0, 40) };
  }
}

type Invalid = Extract<Command, { kind: 'invalid' }>;
const invalid = (subcommand: 'ignore' | 'unignore', problem: string): Invalid => ({ kind: 'invalid', subcommand, problem });

/**
 * `<selector> [path] [category] [until: YYYY-MM-DD] [-- reason | reason...]`. Options come
 * before the reason, in any order. After `--` the reason is taken as it is; without it the
 * first word that is no option starts the reason, so a path there needs a `/`, a glob
 * character or a file extension to be read as one.
 */
function parseIgnore(text: string): Command {
  const dashes = REASON_SEPARATOR.exec(text);
  const head = dashes ? text.slice(0, dashes.index) : text;
  const separated = dashes ? text.slice(dashes.index + dashes[0].length).trim() : undefined;
  const [first = '', ...rest] = head.split(/\s+/).filter(Boolean);
  const selector = selectorOf(first);
  if (!selector) return invalid('ignore', notASelector(first));
  let path: string | undefined;
  let category: IgnoreCategory | undefined;
  let until: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    if (words.length > 0) {
      words.push(token);
      continue;
    }
    const named = categoryOf(token);
    if (named) {
      if (category) return invalid('ignore', 'give one category at most.');
      category = named;
      continue;
    }
    const expiry = UNTIL.exec(token);
    if (expiry) {
      if (until) return invalid('ignore', 'give `until:` once.');
      const value = expiry[1] || (rest[++i] ?? '');
      const day = calendarDay(value);
      if (!day) return invalid('ignore', `${mdCode(value || '(nothing)', 20)} is not a date: \`until:\` takes a calendar date as YYYY-MM-DD, such as \`until: 2025-12-31\`.`);
      until = day;
      continue;
    }
    if (path === undefined && (separated !== undefined || looksLikePath(token))) {
      path = token;
      continue;
    }
    if (separated !== undefined) return invalid('ignore', 'give at most one path or glob before `--`.');
    words.push(token);
  }
  if (path !== undefined) {
    const problem = pathProblem(path);
    if (problem) return invalid('ignore', problem);
  }
  const reason = separated ?? words.join(' ');
  if (separated === undefined && UNTIL_ANYWHERE.test(reason)) return invalid('ignore', 'put `until:` before the reason (or the reason after `--`).');
  if (!reason && !category) return invalid('ignore', `a reason is required (after \`--\`, or a category: ${IGNORE_CATEGORIES.map((c) => `\`${c}\``).join(', ')}), so the tracking issue can say why.`);
  if (reason.length > MAX_IGNORE_REASON) return invalid('ignore', `the reason is longer than ${MAX_IGNORE_REASON} characters; say it in a few words.`);
  return { kind: 'ignore', selector, ...(path ? { path } : {}), reason, ...(category ? { category } : {}), ...(until ? { until } : {}) };
}

/** `<selector> [path]`, exactly as the ignore was recorded. */
function parseUnignore(text: string): Command {
  const [first = '', path, ...extra] = text.split(/\s+/).filter(Boolean);
  const selector = selectorOf(first);
  if (!selector) return invalid('unignore', notASelector(first));
  if (extra.length > 0) return invalid('unignore', 'give the selector and at most one path or glob, as the ignore was recorded.');
  const problem = path === undefined ? undefined : pathProblem(path);
  if (problem) return invalid('unignore', problem);
  return { kind: 'unignore', selector, ...(path ? { path } : {}) };
}

const REASON_SEPARATOR = /(?:^|\s)--/;
const UNTIL = /^until:(.*)$/i;
const UNTIL_ANYWHERE = /(?:^|\s)until:/i;
/** A slash, a glob character or a file extension: `jobs/**`, `*.sql`, `ingest.py`. */
const PATH_LIKE = /[/*?[]|\.[A-Za-z0-9]{1,10}$/;

function selectorOf(token: string): string | undefined {
  const normalised = /^p\d/i.test(token) ? token.toUpperCase() : token;
  return SELECTOR.test(normalised) ? normalised : undefined;
}

function notASelector(token: string): string {
  return `${mdCode(token || '(nothing)', 40)} is not a priority (P1-P8), rule id (P401) or rule name.`;
}

function categoryOf(token: string): IgnoreCategory | undefined {
  const lower = token.toLowerCase();
  return IGNORE_CATEGORIES.find((category) => category === lower);
}

function looksLikePath(token: string): boolean {
  return PATH_LIKE.test(token);
}

function pathProblem(path: string): string | undefined {
  if (path.length > MAX_IGNORE_PATH) return `the path or glob is longer than ${MAX_IGNORE_PATH} characters.`;
  // What would be shown differently from what is matched (controls, invisible characters) is refused.
  if (plain(path) !== path) return 'the path or glob has control or invisible characters.';
  return undefined;
}

/** `YYYY-MM-DD` when it names a real day (no 2025-02-30), else undefined. */
export function calendarDay(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0-99 to 1900-1999 and rolls 02-30 over into March: both fail the round trip.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? text : undefined;
}

/** Commands that change something need write permission; reading ones do not. */
export function needsWriteAccess(command: Command): boolean {
  return command.kind === 'recheck' || command.kind === 'ignore' || command.kind === 'unignore';
}

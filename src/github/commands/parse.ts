/**
 * Slash commands: only the first line of a comment is read, so quoting or mentioning a
 * command further down does nothing. Pure.
 */
import { mdCode } from '../render/escape.js';

export type Command =
  | { kind: 'help' }
  | { kind: 'status' }
  | { kind: 'recheck' }
  | { kind: 'ignore'; selector: string; path?: string; reason: string }
  | { kind: 'invalid'; subcommand: string; problem: string }
  | { kind: 'unknown'; subcommand: string };

const PREFIX = /^\/remediation(?:\s+(.*))?$/i;
/** What an ignore may record (the state block has room for a bounded number of them). */
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
    default:
      return { kind: 'unknown', subcommand: word.slice(0, 40) };
  }
}

function parseIgnore(text: string): Command {
  const separator = text.indexOf('--');
  const head = (separator === -1 ? text : text.slice(0, separator)).trim();
  const reason = separator === -1 ? '' : text.slice(separator + 2).trim();
  const [selector = '', path, ...extra] = head.split(/\s+/).filter(Boolean);
  const normalised = /^p\d/i.test(selector) ? selector.toUpperCase() : selector;
  if (!SELECTOR.test(normalised)) return { kind: 'invalid', subcommand: 'ignore', problem: `${mdCode(selector || '(nothing)', 40)} is not a priority (P1-P8), rule id (P401) or rule name.` };
  if (extra.length > 0) return { kind: 'invalid', subcommand: 'ignore', problem: 'give at most one path or glob before `--`.' };
  if (path && path.length > MAX_IGNORE_PATH) return { kind: 'invalid', subcommand: 'ignore', problem: `the path or glob is longer than ${MAX_IGNORE_PATH} characters.` };
  if (!reason) return { kind: 'invalid', subcommand: 'ignore', problem: 'a reason is required after `--`, so the tracking issue can say why.' };
  if (reason.length > MAX_IGNORE_REASON) return { kind: 'invalid', subcommand: 'ignore', problem: `the reason is longer than ${MAX_IGNORE_REASON} characters; say it in a few words.` };
  return { kind: 'ignore', selector: normalised, ...(path ? { path } : {}), reason };
}

/** Commands that change something need write permission; reading ones do not. */
export function needsWriteAccess(command: Command): boolean {
  return command.kind === 'recheck' || command.kind === 'ignore';
}

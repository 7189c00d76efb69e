/**
 * The one way any text from a repository, a payload or a user reaches the app's Markdown
 * (issue, check run, replies): one function per context. Pure.
 *
 * Text (`mdText`): inline, on one line, rendered literally:
 * - line breaks of every kind (`\r`, `\n`, U+0085, U+2028, U+2029) and other C0/C1 controls
 *   become spaces: a lone `\r` must not start a heading or a list;
 * - bidirectional controls and zero-width characters are dropped (no visual spoofing);
 * - `&` `<` `>` become entities, so `&#64;` stays literal and no HTML gets in;
 * - Markdown punctuation is backslash-escaped, so no link, image, emphasis, math or table cell;
 * - `@` and `#` are followed by a zero-width space, so `@user` and `@org/team` do not ping
 *   and `#12` or `owner/repo#12` does not cross-link (as Renovate does).
 * Code (`mdCode`): an inline code span whose fence is longer than any backtick run inside,
 * so the text cannot close it; mentions and references do not work inside code spans.
 * https://github.github.com/gfm/#backslash-escapes
 * https://github.github.com/gfm/#code-spans
 */

// eslint-disable-next-line no-control-regex
const BREAKS_AND_CONTROLS = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029]/g;
const TAB = /\t/g;
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF]/g;
const PUNCTUATION = /[\\`*_{}[\]()!|~$]/g;
const ZWSP = '&#8203;';

/** Text shown literally, inline. `max` characters of the input at most (an ellipsis says so). */
export function mdText(text: string, max = 500): string {
  return clipped(plain(text), max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(PUNCTUATION, '\\$&')
    .replace(/[@#]/g, (c) => `${c}${ZWSP}`);
}

/** An inline code span holding `text` literally. */
export function mdCode(text: string, max = 500): string {
  const body = clipped(plain(text), max);
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  // A space keeps a leading or trailing backtick from joining the fence (GFM strips one space each side).
  const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A GitHub login as a mention, only when it is one (else literal text). */
export function mdMention(login: string): string {
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(login) ? `@${login}` : mdText(login, 100);
}

/** One line, no controls or invisible characters; what both contexts start from. */
export function plain(text: string): string {
  return text.replace(TAB, ' ').replace(BREAKS_AND_CONTROLS, ' ').replace(INVISIBLE, '');
}

function clipped(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

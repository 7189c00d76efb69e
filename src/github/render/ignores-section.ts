/**
 * The tracking issue's list of recorded ignores: each with what it hides, why (category
 * and reason), who recorded it, when, and until when; expired ones say so. Expiry is read
 * against the last scan's date, the date the counts above it are from. Pure.
 *
 * At most STATE_LIMITS.ignores entries of bounded fields, and the section keeps within
 * IGNORES_SECTION_CHARS however hostile the recorded text: reasons (and long paths) are
 * dropped from the last entries first, every ignore stays listed.
 */
import { dayOf, hiddenBy, ignoreApplies } from '../tracking/ignores.js';
import type { IgnoreRecord, TrackingState } from '../tracking/state.js';
import { mdCode, mdMention, mdText } from './escape.js';

export const IGNORES_SECTION_CHARS = 8_000;
export const IGNORES_HEADING = '## Ignored with `/remediation ignore`';

interface Entry {
  record: IgnoreRecord;
  expired: boolean;
  hides: number;
}

export function renderIgnoresSection(state: TrackingState): string[] {
  if (state.ignores.length === 0) return [];
  const asOf = state.scan?.at;
  const entries: Entry[] = state.ignores.map((record) => ({ record, expired: asOf !== undefined && !ignoreApplies(record, asOf), hides: hiddenBy(state, record) }));
  // Those that apply first, in the order they were recorded.
  const ordered = [...entries.filter((e) => !e.expired), ...entries.filter((e) => e.expired)];
  const lines = ordered.map((e) => entryLine(e, true));
  const section = (short: number): string[] => {
    const note = short > 0 ? [`- _The reasons of the last ${short} are left out to keep this issue under its size limit._`] : [];
    return ['', IGNORES_HEADING, '', introLine(entries, asOf), '', ...lines, ...note];
  };
  const size = (short: number): number => section(short).reduce((n, line) => n + line.length + 1, 0);
  let short = 0;
  while (short < lines.length && size(short) > IGNORES_SECTION_CHARS) {
    short += 1;
    lines[lines.length - short] = entryLine(ordered[lines.length - short], false);
  }
  return section(short);
}

function introLine(entries: Entry[], asOf: string | undefined): string {
  const active = entries.filter((e) => !e.expired);
  const hidden = active.reduce((n, e) => n + e.hides, 0);
  const expired = entries.length - active.length;
  const counted = asOf ? ` at the last scan (${mdText(dayOf(asOf), 10)})` : '';
  const expiredText = expired > 0 ? `; ${expired} expired and no longer ${expired === 1 ? 'applies' : 'apply'}` : '';
  return `${plural(active.length, 'ignore')} ${active.length === 1 ? 'hides' : 'hide'} ${plural(hidden, 'finding')}${counted}${expiredText}. \`/remediation unignore <selector> [path]\` undoes one.`;
}

function entryLine(entry: Entry, withReason: boolean): string {
  const { record } = entry;
  const target = `${mdCode(record.selector, 64)}${record.path ? ` in ${mdCode(record.path, withReason ? 200 : 40)}` : ''}`;
  const facts = [
    entry.expired ? `**expired** after ${record.until}` : `hides ${plural(entry.hides, 'finding')}`,
    ...(record.category ? [record.category] : []),
    ...(record.until && !entry.expired ? [`until ${record.until}`] : []),
  ].join(' · ');
  const reason = withReason && record.reason ? `: ${mdText(record.reason, 200)}` : '';
  const who = `${mdMention(record.by)}${record.pr ? `, #${record.pr}` : ''}, ${mdText(dayOf(record.at), 10)}`;
  return `- ${target} — ${facts}${reason} (${who})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

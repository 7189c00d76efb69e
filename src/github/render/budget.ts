/**
 * Fitting generated Markdown under GitHub's size limits: cut the longest list first,
 * and say what was cut. Check-run `summary`/`text` are limited to 65535 bytes; issue
 * bodies to 65536 characters (the app keeps the tracking issue under 58,000).
 */
export const CHECK_OUTPUT_BYTES = 65535;
export const ISSUE_BODY_CHARS = 58_000;

export type Measure = (text: string) => number;
export const bytes: Measure = (text) => Buffer.byteLength(text, 'utf8');
export const chars: Measure = (text) => text.length;

export interface ListSection {
  id: string;
  items: string[];
}

/** How many items of each list are shown; lists not in the map are shown whole. */
export type Shown = Map<string, number>;

/**
 * Renders with every list whole, then repeatedly shortens the list that takes the most
 * room until the text fits. `render` must mention the items left out of a list.
 */
export function fitLists(sections: ListSection[], limit: number, measure: Measure, render: (shown: Shown) => string): { text: string; cut: boolean; shown: Shown } {
  const shown: Shown = new Map(sections.map((s) => [s.id, s.items.length]));
  for (let round = 0; round < 200; round++) {
    const text = render(shown);
    const size = measure(text);
    if (size <= limit) return { text, cut: round > 0, shown };
    const longest = sections
      .map((s) => ({ s, room: s.items.slice(0, shown.get(s.id)).reduce((sum, item) => sum + measure(item) + 1, 0) }))
      .filter((x) => (shown.get(x.s.id) ?? 0) > 0)
      .sort((a, b) => b.room - a.room)[0];
    if (!longest) break;
    const count = shown.get(longest.s.id) ?? 0;
    const average = Math.max(1, longest.room / count);
    const drop = Math.min(count, Math.ceil((size - limit) / average) + 1);
    shown.set(longest.s.id, count - drop);
  }
  return { text: truncate(render(shown), limit, measure), cut: true, shown };
}

const TRUNCATED = '\n\n_Output truncated to stay within GitHub\'s size limit._\n';

/** Last resort: cut the text itself (never inside a UTF-8 sequence) and say so. */
export function truncate(text: string, limit: number, measure: Measure): string {
  if (measure(text) <= limit) return text;
  const max = Math.max(0, limit - measure(TRUNCATED));
  let end = Math.min(text.length, max);
  let head = text.slice(0, end);
  while (measure(head) > max && end > 0) {
    end -= Math.max(1, measure(head) - max);
    head = text.slice(0, end);
  }
  // Do not leave half of a surrogate pair behind.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return head + TRUNCATED;
}

export function moreNote(hidden: number, why: string): string {
  return hidden > 0 ? `- _… and ${hidden} more not shown (${why})._` : '';
}

/**
 * Fitting generated Markdown under GitHub's size limits, by tier, saying what was cut.
 * Check-run `summary`/`text` are limited to 65535 bytes; issue bodies to 65536 characters
 * (the app keeps the tracking issue under 58,000).
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
 * Spends the room by tier: `sections` come in order of importance, and each is listed as
 * far as the room allows before the next gets any, so what a reader most needs (what a pull
 * request adds) is never cut to make room for what matters less. `render` must mention the
 * items left out of a list.
 */
export function fitTiers(sections: ListSection[], limit: number, measure: Measure, render: (shown: Shown) => string): { text: string; cut: boolean; shown: Shown } {
  const whole: Shown = new Map(sections.map((s) => [s.id, s.items.length]));
  const full = render(whole);
  if (measure(full) <= limit) return { text: full, cut: false, shown: whole };
  const shown: Shown = new Map(sections.map((s) => [s.id, 0]));
  let size = measure(render(shown));
  fill: for (const section of sections) {
    for (const item of section.items) {
      const cost = measure(item) + 1;
      if (size + cost > limit) break fill;
      shown.set(section.id, (shown.get(section.id) ?? 0) + 1);
      size += cost;
    }
  }
  // The notes' counts may have grown a digit: give back items from the last tier listed until it fits.
  let text = render(shown);
  for (let i = sections.length - 1; i >= 0 && measure(text) > limit; i--) {
    const id = sections[i].id;
    while ((shown.get(id) ?? 0) > 0 && measure(text) > limit) {
      shown.set(id, (shown.get(id) ?? 0) - 1);
      text = render(shown);
    }
  }
  return { text: truncate(text, limit, measure), cut: true, shown };
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

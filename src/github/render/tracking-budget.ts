/**
 * How the tracking issue spends its characters, by tier. Pure.
 *
 * 1. Everything, when it fits.
 * 2. Otherwise every priority first gets one summary line per file with open findings
 *    (cut evenly across priorities, with "and N more files", only if even those do not fit).
 * 3. Then findings are listed one per line, tier by tier (failures, warnings, notices),
 *    round-robin across priorities, so no priority takes the room of another; a file whose
 *    findings are all listed loses its summary line.
 * 4. "Resolved recently" gets what is left, up to 10 lines per priority.
 */
export interface ListingItem {
  text: string;
  file: string;
  /** 0 = failure, 1 = warning, 2 = notice. Items come sorted by tier. */
  tier: number;
}

export interface Listing {
  id: number;
  items: ListingItem[];
  recent: string[];
  /** The line standing for a file's findings not listed one by one. */
  summary: (file: string, open: number, failures: number, partly: boolean) => string;
}

export interface Allocation {
  lines: Map<number, { open: string[]; recent: string[] }>;
  /** Some findings are summarised instead of listed. */
  cut: boolean;
}

const RECENT_SHOWN_WHEN_CUT = 10;
const TIERS = [0, 1, 2];

interface Plan {
  shown: Set<number>[];
  recent: number[];
  /** Summary files kept per listing (all when undefined). */
  files: (number | undefined)[];
}

export function allocate(listings: Listing[], limit: number, render: (allocation: Allocation) => string): string {
  const everything: Plan = { shown: listings.map((l) => new Set(l.items.map((_, i) => i))), recent: listings.map((l) => l.recent.length), files: listings.map(() => undefined) };
  const full = render(build(listings, everything, false));
  if (full.length <= limit) return full;

  const plan: Plan = { shown: listings.map(() => new Set<number>()), recent: listings.map(() => 0), files: listings.map(() => undefined) };
  let size = render(build(listings, plan, true)).length;
  // Even one line per file does not fit: keep the same number of files in each priority.
  if (size > limit) {
    const counts = listings.map((l) => new Set(l.items.map((i) => i.file)).size);
    let keep = Math.max(...counts, 0);
    while (size > limit && keep > 1) {
      keep = Math.max(1, Math.floor(keep * 0.8));
      plan.files = counts.map((c) => Math.min(c, keep));
      size = render(build(listings, plan, true)).length;
    }
    return render(build(listings, plan, true));
  }
  let room = limit - size;
  for (const tier of TIERS) {
    const next = listings.map((l) => l.items.findIndex((i) => i.tier === tier));
    let progressed = true;
    while (progressed) {
      progressed = false;
      listings.forEach((listing, index) => {
        const at = next[index];
        if (at < 0 || at >= listing.items.length || listing.items[at].tier !== tier) return;
        const cost = listing.items[at].text.length + 1;
        if (cost > room) {
          next[index] = -1;
          return;
        }
        plan.shown[index].add(at);
        room -= cost;
        next[index] = at + 1;
        progressed = true;
      });
    }
  }
  let progressed = true;
  while (progressed) {
    progressed = false;
    listings.forEach((listing, index) => {
      const count = plan.recent[index];
      if (count >= Math.min(listing.recent.length, RECENT_SHOWN_WHEN_CUT)) return;
      const cost = listing.recent[count].length + 1 + (count === 0 ? 30 : 0);
      if (cost > room) return;
      plan.recent[index] = count + 1;
      room -= cost;
      progressed = true;
    });
  }
  const text = render(build(listings, plan, true));
  return text.length <= limit ? text : render(build(listings, { ...plan, recent: plan.recent.map(() => 0) }, true));
}

function build(listings: Listing[], plan: Plan, cut: boolean): Allocation {
  const lines = new Map<number, { open: string[]; recent: string[] }>();
  listings.forEach((listing, index) => {
    const shown = plan.shown[index];
    const listed = listing.items.filter((_, i) => shown.has(i)).map((i) => i.text);
    const rest = new Map<string, { open: number; failures: number; listed: boolean }>();
    listing.items.forEach((item, i) => {
      const entry = rest.get(item.file) ?? { open: 0, failures: 0, listed: false };
      if (shown.has(i)) entry.listed = true;
      else {
        entry.open += 1;
        if (item.tier === 0) entry.failures += 1;
      }
      rest.set(item.file, entry);
    });
    const files = [...rest].filter(([, e]) => e.open > 0).sort((a, b) => b[1].failures - a[1].failures || b[1].open - a[1].open || (a[0] < b[0] ? -1 : 1));
    const kept = plan.files[index] === undefined ? files : files.slice(0, plan.files[index]);
    const summaries = kept.map(([file, e]) => listing.summary(file, e.open, e.failures, e.listed));
    const hiddenFiles = files.length - kept.length;
    if (hiddenFiles > 0) {
      const hidden = files.slice(kept.length).reduce((n, [, e]) => n + e.open, 0);
      summaries.push(`- _… and ${hidden} more in ${hiddenFiles} more files (kept under the issue's size limit)._`);
    }
    lines.set(listing.id, { open: [...listed, ...summaries], recent: listing.recent.slice(0, plan.recent[index]) });
  });
  return { lines, cut };
}

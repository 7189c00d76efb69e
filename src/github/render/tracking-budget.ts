/**
 * How the tracking issue spends its characters, by tier. Pure.
 *
 * The body is a fixed part (header, the table, the trend's text lines, headings, actions)
 * and units that add to it: a file's line in a priority, the details of that line (its
 * failures, then warnings, then notices), a row of the owners table, a ledger line, a
 * burn-down chart, a "resolved recently" line. When everything does not fit, tiers are
 * filled in order, each as far as the room allows before the next gets any:
 *
 * 1. one line per file with open findings, in every priority (round-robin across
 *    priorities, so no priority takes the room of another);
 * 2. the failures of those files, listed in their lines;
 * 3. the owners table; 4. the pull-request ledger (newest first);
 * 5. warnings, then 6. notices, listed in their files' lines;
 * 7. the burn-down charts; 8. "resolved recently".
 *
 * The open findings come first: what a reader of the board needs most is what is open and
 * where. The new summaries come next, above the warnings and notices, whose files already
 * show their counts. Units of one group are taken in order (a ledger keeps its newest
 * lines, a priority its first files): once one does not fit, the rest of its group is left
 * out, and a unit whose `after` was left out is too. `render` must say what was left out.
 */
import { truncate, chars } from './budget.js';

export interface Unit {
  key: string;
  /** Units of a group are taken in order. */
  group: string;
  /** Characters the unit adds to the body (an estimate: the result is measured). */
  cost: number;
  /** A unit that is only shown with this one. */
  after?: string;
}

export interface Fitted {
  text: string;
  accepted: ReadonlySet<string>;
  cut: boolean;
}

export function allocate(tiers: Unit[][], limit: number, render: (accepted: ReadonlySet<string>, cut: boolean) => string): Fitted {
  const all = new Set(tiers.flat().map((u) => u.key));
  const full = render(all, false);
  if (full.length <= limit) return { text: full, accepted: all, cut: false };

  const accepted = new Set<string>();
  const order: Unit[] = [];
  const blocked = new Set<string>();
  let room = limit - render(accepted, true).length;
  for (const tier of tiers) {
    for (const unit of tier) {
      if (blocked.has(unit.group) || (unit.after !== undefined && !accepted.has(unit.after))) continue;
      if (unit.cost > room) {
        blocked.add(unit.group);
        continue;
      }
      accepted.add(unit.key);
      order.push(unit);
      room -= unit.cost;
    }
  }
  // Notes and counts that grew a digit, estimates that were short: give back the last units taken.
  let text = render(accepted, true);
  for (let round = 0; text.length > limit && order.length > 0 && round < 50; round++) {
    let over = text.length - limit;
    while (over > 0 && order.length > 0) {
      const unit = order.pop()!;
      accepted.delete(unit.key);
      over -= Math.max(1, unit.cost);
    }
    for (const unit of order.filter((u) => u.after !== undefined && !accepted.has(u.after))) accepted.delete(unit.key);
    text = render(accepted, true);
  }
  return { text: truncate(text, limit, chars), accepted, cut: true };
}

/** Interleaves queues: the first of each, then the second of each, and so on. */
export function roundRobin<T>(queues: T[][]): T[] {
  const out: T[] = [];
  for (let round = 0; queues.some((q) => round < q.length); round++) for (const q of queues) if (round < q.length) out.push(q[round]);
  return out;
}

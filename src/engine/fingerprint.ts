/**
 * Stable finding fingerprints: rule, path, the flagged line's text (whitespace folded),
 * an optional key, and the occurrence number among identical ones. Line numbers are not
 * part of it, so inserting unrelated lines above a finding does not change it.
 */
import { createHash } from 'node:crypto';

export function fingerprintOf(rule: string, path: string, lineText: string, key: string, occurrence: number): string {
  const normalised = lineText.trim().replace(/\s+/g, ' ');
  return createHash('sha256').update(`${rule}\u0000${path}\u0000${normalised}\u0000${key}\u0000${occurrence}`).digest('hex').slice(0, 24);
}

/** Numbers repeated (rule, path, text, key) tuples 0, 1, 2... in line order. */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>();

  next(rule: string, path: string, lineText: string, key: string): number {
    const id = `${rule}\u0000${path}\u0000${lineText.trim().replace(/\s+/g, ' ')}\u0000${key}`;
    const n = this.seen.get(id) ?? 0;
    this.seen.set(id, n + 1);
    return n;
  }
}

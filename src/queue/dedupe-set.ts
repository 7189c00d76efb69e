/**
 * Ids seen recently, for the in-process queue: an insertion-ordered Map used as a TTL set
 * with a size cap (oldest first out), so memory stays bounded however many webhooks arrive.
 */
export interface DedupeSet {
  /** Adds `id`; false when it was already there (and not expired). */
  add(id: string): boolean;
  delete(id: string): void;
}

export function createDedupeSet(ttlMs: number, maxSize = 10_000, now: () => number = Date.now): DedupeSet {
  const seen = new Map<string, number>();
  const evictExpired = (at: number): void => {
    for (const [id, expires] of seen) {
      if (expires > at && seen.size <= maxSize) break;
      seen.delete(id);
    }
  };
  return {
    add(id) {
      const at = now();
      evictExpired(at);
      const expires = seen.get(id);
      if (expires !== undefined && expires > at) return false;
      seen.delete(id);
      seen.set(id, at + ttlMs);
      if (seen.size > maxSize) evictExpired(at);
      return true;
    },
    delete(id) {
      seen.delete(id);
    },
  };
}

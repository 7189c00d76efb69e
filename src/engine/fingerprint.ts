/**
 * Finding identity. A finding is identified by its rule, the normal form of the construct
 * it flags (construct.ts: code tokens without comments or whitespace; a key path in job
 * files), an optional rule key, and its occurrence number among equal ones in its file;
 * then by its path. Line numbers, formatting, comments and suppression directives are not
 * part of it, so moving or commenting code keeps a finding's identity, while editing the
 * construct itself (the remedy) ends it.
 *
 * `identity` leaves the path out: the tracking issue matches it with the path beside it, so
 * a renamed file's findings can be carried over. `fingerprint` (JSON, SARIF, diff mode)
 * includes the path; diff mode analyses a renamed file's base under its new name.
 */
import { createHash } from 'node:crypto';

const digest = (parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);

export function identityOf(rule: string, construct: string, key: string, occurrence: number): string {
  return digest([rule, construct, key, String(occurrence)]);
}

export function fingerprintOf(path: string, identity: string): string {
  return digest([path, identity]);
}

/** Numbers repeated (rule, path, construct, key) tuples 0, 1, 2... in the order findings are made. */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>();

  next(rule: string, path: string, construct: string, key: string): number {
    const id = `${rule}\u0000${path}\u0000${construct}\u0000${key}`;
    const n = this.seen.get(id) ?? 0;
    this.seen.set(id, n + 1);
    return n;
  }
}

/**
 * The findings a scan must keep while the engine is made faster: a digest of every finding
 * (rule, path, line, fingerprint, message, role ...) per corpus, checked by the bench and by
 * test/engine/findings-stable.test.ts. A change of findings is then a decision, not a side
 * effect of a speed-up. `BENCH_UPDATE_GOLDEN=1 npm run bench` rewrites the file, and refuses
 * other findings under the rules' version they were recorded with (`recordDigest`).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Finding } from '../src/model/types.js';
import { RULES_VERSION } from '../src/engine/rules-version.js';

export interface FindingsDigest {
  count: number;
  /** sha256 of the findings as JSON, in the order the scan returns them. */
  sha256: string;
  /** Findings per rule, so a mismatch says where to look. */
  rules: Record<string, number>;
  /** The rules' version (src/engine/rules-version.ts) the findings were recorded under. */
  rulesVersion?: string;
}

const GOLDEN = new URL('./findings-golden.json', import.meta.url);

export function findingsDigest(findings: readonly Finding[]): FindingsDigest {
  const rules: Record<string, number> = {};
  for (const f of findings) rules[f.rule] = (rules[f.rule] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { count: findings.length, sha256: createHash('sha256').update(JSON.stringify(findings)).digest('hex'), rules: sorted };
}

export function readGolden(): Record<string, FindingsDigest> {
  try {
    return JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, FindingsDigest>;
  } catch {
    return {};
  }
}

export function writeGolden(golden: Record<string, FindingsDigest>): void {
  writeFileSync(GOLDEN, `${JSON.stringify(golden, null, 2)}\n`);
}

/**
 * The digest to record for a corpus: other findings than recorded need a new rules version,
 * since boards credit findings that vanish under the same version as fixed
 * (src/github/tracking/apply.ts). Throws, saying so, when the version was not changed.
 */
export function recordDigest(corpus: string, previous: FindingsDigest | undefined, digest: FindingsDigest, version = RULES_VERSION): FindingsDigest {
  if (previous && previous.sha256 !== digest.sha256 && previous.rulesVersion === version) {
    throw new Error(`${corpus}: findings changed under the same RULES_VERSION (${version}); change it in src/engine/rules-version.ts, then record again`);
  }
  // Same findings: stamped with the current version, so a later change under it is refused.
  return { ...(previous && previous.sha256 === digest.sha256 ? previous : digest), rulesVersion: version };
}

/** Undefined when the corpus's findings match the golden digest (or none is recorded yet), else what differs. */
export function goldenMismatch(corpus: string, digest: FindingsDigest, golden = readGolden()): string | undefined {
  const want = golden[corpus];
  if (!want || want.sha256 === digest.sha256) return undefined;
  const rules = new Set([...Object.keys(want.rules), ...Object.keys(digest.rules)]);
  const changed = [...rules].filter((r) => want.rules[r] !== digest.rules[r]).map((r) => `${r} ${want.rules[r] ?? 0} -> ${digest.rules[r] ?? 0}`);
  return `${corpus}: findings changed (${want.count} -> ${digest.count}${changed.length ? `; ${changed.join(', ')}` : '; same counts, other content'}); if that is intended, change RULES_VERSION and record with BENCH_UPDATE_GOLDEN=1`;
}

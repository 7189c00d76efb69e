/**
 * What the rules report, as a version: change it whenever a change to the engine makes it report
 * different findings on unchanged code (a rule added or narrowed, a role inferred differently).
 * The tracking issue keeps the version of its last scan: findings that stop being reported when
 * the version changes were not fixed, so they are not counted as progress
 * (src/github/tracking/apply.ts). The bench's golden findings (bench/findings-golden.json) record
 * the version they were taken under and refuse other findings under the same one.
 */
export const RULES_VERSION = '2026-12-03.2';

/**
 * What every rule says: a short one-line hint beside the full fix, no escaped newlines, and
 * no names taken from the reviewed project (they read as nonsense in anyone else's code).
 * Texts a finding builds from the scanned code are checked on the bundled example.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../../checks/index.js';
import type { RuleMeta } from '../../checks/types.js';
import { CANNOT_ANALYSE, UNKNOWN_SUPPRESSION } from '../../src/engine/findings.js';
import { collectScanFiles } from '../../src/local/walk.js';
import type { Finding } from '../../src/model/types.js';
import { getEngine } from '../helpers/engine.js';

const metas: RuleMeta[] = [CANNOT_ANALYSE, UNKNOWN_SUPPRESSION, ...allRules.map((rule) => rule.meta)];

/** Names of the reviewed pipeline (examples/spymaster): tables, columns, constants, hosts. */
const PROJECT_NAMES = [
  /spymaster/i,
  /mbo_stream/i,
  /(?:^|[^a-z])mbo(?:[^a-z]|$)/i,
  /eventhub_namespace/i,
  /order_id/i,
  /contract_id/i,
  /session_date/i,
  /storage_account/i,
  /trade_count/i,
  /tick_size/i,
  /qmachina/i,
  /\bbars?\b/i,
  /\bbook\b/i,
];

const texts = (meta: RuleMeta): [string, string][] => [
  ['title', meta.title],
  ['fix', meta.fix],
  ['hint', meta.hint],
];

describe('rule texts', () => {
  it.each(metas.map((meta) => [meta.id, meta] as const))('%s has a short one-line hint and a full fix', (_id, meta) => {
    expect(meta.hint.length).toBeGreaterThan(10);
    expect(meta.hint.length).toBeLessThanOrEqual(90);
    expect(meta.hint).not.toMatch(/[\r\n]/);
    // A hint is an instruction, not a sentence with a full stop.
    expect(meta.hint).not.toMatch(/\.$/);
    expect(meta.fix.length).toBeGreaterThanOrEqual(meta.hint.length);
  });

  it('have no escaped newlines', () => {
    const escaped = metas.flatMap((meta) => texts(meta).filter(([, text]) => text.includes('\\n')).map(([field]) => `${meta.id} ${field}`));
    expect(escaped).toEqual([]);
  });

  it('carry no names of the reviewed project', () => {
    const named = metas.flatMap((meta) =>
      texts(meta).flatMap(([field, text]) => PROJECT_NAMES.filter((name) => name.test(text)).map((name) => `${meta.id} ${field}: ${name}`)),
    );
    expect(named).toEqual([]);
  });

  it('the name list catches what it is for', () => {
    const hit = (text: string): boolean => PROJECT_NAMES.some((name) => name.test(text));
    expect(hit('`.toTable("spymaster.bronze.mbo_stream")`')).toBe(true);
    expect(hit('def test_parse_mbo_events(spark)')).toBe(true);
    expect(hit('a combo of options')).toBe(false);
    expect(hit('a notebook, a bar chart')).toBe(true);
    expect(hit('a notebook, barrier')).toBe(false);
  });
});

describe('texts of findings on the bundled example', () => {
  let findings: Finding[];
  beforeAll(async () => {
    const root = fileURLToPath(new URL('../../examples/spymaster', import.meta.url));
    const files = (await collectScanFiles([root], { cwd: process.cwd(), root })).files;
    findings = (await getEngine()).scan(files).findings;
  });

  it('give every finding a one-line hint and no escaped newlines', () => {
    expect(findings.length).toBeGreaterThan(50);
    const bad = findings.filter((f) => !f.hint || /[\r\n]/.test(f.hint) || [f.message, f.fix, f.hint].some((t) => t?.includes('\\n')));
    expect(bad.map((f) => `${f.rule} ${f.path}:${f.line}`)).toEqual([]);
  });

  it('keep most hints within a terminal line', () => {
    // Names from the code (a long host, a qualified function) may push a few past 90.
    const long = findings.filter((f) => (f.hint ?? '').length > 110);
    expect(long.map((f) => `${f.rule}: ${f.hint}`)).toEqual([]);
  });

  it('name what the finding knows', () => {
    const twoLevel = findings.find((f) => f.name === 'two-level-name');
    expect(twoLevel?.hint).toMatch(/^Name the catalog: `main\.[\w.]+` or `f"\{catalog\}\.[\w.]+"`$/);
    expect(twoLevel?.hint).not.toContain('schema.table');
  });
});

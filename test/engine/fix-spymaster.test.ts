/**
 * Applying every safe fix of the example repository and scanning again resolves exactly the
 * findings fixed and adds none: a fix removes its finding without moving or creating others.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/engine/apply-fixes.js';
import { collectScanFiles } from '../../src/local/walk.js';
import type { Finding, InputFile } from '../../src/model/types.js';
import { getEngine } from '../helpers/engine.js';

const fingerprints = (findings: { fingerprint: string }[]) => new Set(findings.map((f) => f.fingerprint));

async function fixAndRescan(safeties: string[]) {
    const dir = fileURLToPath(new URL('../../examples/spymaster', import.meta.url));
    const files = (await collectScanFiles([dir], { cwd: process.cwd(), root: dir })).files;
    const engine = await getEngine();
    const before = engine.scan(files).findings.filter((f) => !f.suppressed);
    const safe = before.filter((f) => f.autofix && safeties.includes(f.autofix.safety));

    const texts = new Map(files.map((file) => [file.path, String(file.content)]));
    const result = applyFixes(texts, safe.map((f) => ({ id: f.fingerprint, fix: f.autofix! })));
    const fixedFiles: InputFile[] = files.map((file) => ({ path: file.path, content: result.texts.get(file.path) ?? file.content }));
    const afterFindings = engine.scan(fixedFiles).findings.filter((f) => !f.suppressed);
    const after = fingerprints(afterFindings);

    const resolved = [...fingerprints(before)].filter((id) => !after.has(id));
    const added = [...after].filter((id) => !fingerprints(before).has(id));
    return { rules: safe.map((f) => f.rule), result, resolved, added, before, after: afterFindings };
}

describe('fixes of examples/spymaster', () => {
  it('the safe ones (the continuous jobs\' task_retry_mode) resolve exactly the findings they fix and add none', async () => {
    const { rules, result, resolved, added } = await fixAndRescan(['safe']);
    expect(rules).toEqual(['P604', 'P604', 'P604']);
    expect(result.skipped).toEqual([]);
    expect(resolved.sort()).toEqual(result.applied.sort());
    expect(added).toEqual([]);
  });

  it('all of them, needs-review too: each fixed finding is resolved, and no other finding is new', async () => {
    const { rules, result, resolved, added, before, after } = await fixAndRescan(['safe', 'needs-review']);
    expect(rules.length).toBeGreaterThan(20);
    expect(result.skipped).toEqual([]);
    expect(result.applied.filter((id) => !resolved.includes(id))).toEqual([]);
    // An option added to a reader chain changes the text a path-read finding on the same chain
    // is identified by: it comes back under another fingerprint, the same finding.
    const same = (a: Finding, b: Finding) => a.rule === b.rule && a.path === b.path && a.message === b.message;
    const moved = added.map((id) => after.find((f) => f.fingerprint === id)!).filter((f) => before.some((b) => resolved.includes(b.fingerprint) && !result.applied.includes(b.fingerprint) && same(b, f)));
    expect(moved.map((f) => f.rule)).toEqual(added.map(() => 'P802'));
    // What else is resolved follows from the fixes: a handler that now logs is no longer silent.
    const extra = before.filter((f) => resolved.includes(f.fingerprint) && !result.applied.includes(f.fingerprint) && !moved.some((m) => same(m, f)));
    expect(extra.map((f) => f.rule)).toEqual(['P302']);
  });
});
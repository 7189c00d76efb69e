/**
 * Relating two versions: unified patches as GitHub sends them (real ones, ones that do not
 * apply, garbage), line diffs of mutated files, and the engine's whole diff.
 */
import fc from 'fast-check';
import { structuredPatch, formatPatch } from 'diff';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import type { InputFile } from '../../src/model/types.js';
import { changeBetween, changeFromPatch, MAX_EDIT_LENGTH, type FileChange } from '../../src/diff/hunks.js';
import { getEngine } from '../helpers/engine.js';
import { anyText, expectSoundFindings, fixturesEnding, fuzzTimeout, lineCount, mutate, mutationArb, runs, type Mutation } from '../helpers/fuzz.js';

let engine: Engine;
beforeAll(async () => {
  engine = await getEngine();
});

const seeds = fixturesEnding(/\.(py|ipynb|json|ya?ml)$/);

/** Line edits only: the metamorphic property below compares LF texts. */
const lineEdits = fc.array(
  mutationArb().filter((m: Mutation) => ['delete', 'duplicate', 'swap', 'insert-line', 'indent', 'dedent'].includes(m.kind)),
  { minLength: 0, maxLength: 6 },
);

/** A GitHub `patch` field: the unified diff of one file without the `---`/`+++` header. */
function githubPatch(base: string, head: string, context: number): string {
  const text = formatPatch(structuredPatch('a', 'b', base, head, '', '', { context }));
  return text.slice(text.indexOf('@@'));
}

/** Every added line is a real line number inside the new range of some hunk. */
function expectConsistent(change: FileChange): void {
  for (const line of change.added) {
    expect(Number.isSafeInteger(line) && line >= 1).toBe(true);
    expect(change.hunks.some((h) => line >= h.newStart && line < h.newStart + Math.max(h.newLines, 1))).toBe(true);
  }
}

const PATCH_AGREES = runs(300);
const PATCH_BROKEN = runs(500);
const PATCH_GARBAGE = runs(500);
const BETWEEN = runs(300);
const ENGINE_DIFF = runs(60);

describe('fuzz: changeFromPatch', () => {
  it(`a real patch gives the same added lines as diffing the two texts (${PATCH_AGREES} cases)`, () => {
    const arb = fc.record({ seed: fc.constantFrom(...seeds), edits: lineEdits, context: fc.constantFrom(0, 1, 3) });
    fc.assert(
      fc.property(arb, ({ seed, edits, context }) => {
        const head = mutate(seed.text, edits);
        const fromPatch = changeFromPatch(githubPatch(seed.text, head, context));
        expect(fromPatch).toBeDefined();
        expect([...fromPatch!.added].sort((a, b) => a - b)).toEqual([...changeBetween(seed.text, head).added].sort((a, b) => a - b));
        expectConsistent(fromPatch!);
      }),
      { numRuns: PATCH_AGREES },
    );
  }, fuzzTimeout());

  it(`patches that were edited, cut or do not apply never throw (${PATCH_BROKEN} cases)`, () => {
    const hunkLines = ['@@ -1,3 +1,4 @@', '@@ -0,0 +1 @@', '@@ -99999999999999999999,1 +1,1 @@', '@@ -1 +1 @@ trailing', '@@ @@', '\\ No newline at end of file', '--- a/x', '+++ b/x', 'diff --git a/x b/x', 'Index: x', '+', '-', ' '];
    const arb = fc.record({ seed: fc.constantFrom(...seeds), edits: lineEdits, broken: fc.array(mutationArb(hunkLines), { minLength: 1, maxLength: 6 }) });
    fc.assert(
      fc.property(arb, ({ seed, edits, broken }) => {
        const patch = mutate(githubPatch(seed.text, mutate(seed.text, edits), 3), broken);
        const change = changeFromPatch(patch);
        if (change) expectConsistent(change);
      }),
      { numRuns: PATCH_BROKEN },
    );
  }, fuzzTimeout());

  it(`garbage never throws (${PATCH_GARBAGE} cases)`, () => {
    const garbageLine = fc.oneof(anyText, fc.constantFrom('@@ -1,2 +1,2 @@', '+x', '-y', ' z', '--- a', '+++ b', '@@ -a,b +c,d @@', '@@ -1,2 +1,2'));
    fc.assert(
      fc.property(fc.array(garbageLine, { maxLength: 20 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        const change = changeFromPatch(lines.join(eol));
        if (change) expectConsistent(change);
      }),
      { numRuns: PATCH_GARBAGE },
    );
  }, fuzzTimeout());
});

describe('fuzz: changeBetween', () => {
  it(`changed lines and hunks lie inside the two versions (${BETWEEN} cases)`, () => {
    const arb = fc.record({ seed: fc.constantFrom(...seeds), edits: fc.array(mutationArb(), { maxLength: 8 }), fromNothing: fc.boolean() });
    fc.assert(
      fc.property(arb, ({ seed, edits, fromNothing }) => {
        const base = fromNothing ? undefined : seed.text;
        const head = mutate(seed.text, edits);
        const change = changeBetween(base, head);
        const headLines = lineCount(head);
        const baseLines = base === undefined ? 0 : lineCount(base);
        for (const line of change.added) expect(line >= 1 && line <= headLines).toBe(true);
        for (const h of change.hunks) {
          expect(h.newLines >= 0 && h.oldLines >= 0).toBe(true);
          if (h.newLines > 0) expect(h.newStart >= 1 && h.newStart + h.newLines - 1 <= headLines).toBe(true);
          if (h.oldLines > 0) expect(h.oldStart >= 1 && h.oldStart + h.oldLines - 1 <= baseLines).toBe(true);
        }
      }),
      { numRuns: BETWEEN },
    );
  }, fuzzTimeout());

  it('gives up on rewrites beyond the edit budget and marks the whole file changed, quickly', () => {
    const lines = MAX_EDIT_LENGTH * 10;
    const base = Array.from({ length: lines }, (_, i) => `a${i}`).join('\n');
    const head = Array.from({ length: lines }, (_, i) => `b${i}`).join('\n');
    const started = performance.now();
    const change = changeBetween(base, head);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(change.added.size).toBe(lines);
    expect(change.hunks).toEqual([{ oldStart: 1, oldLines: lines, newStart: 1, newLines: lines }]);
  });
});

describe('fuzz: engine diff', () => {
  it(`base and head versions of a repository, with renames (${ENGINE_DIFF} cases)`, () => {
    const arb = fc.record({
      picked: fc.shuffledSubarray(seeds, { minLength: 1, maxLength: 5 }),
      edits: fc.array(fc.record({ file: fc.nat(), mutations: fc.array(mutationArb(), { minLength: 1, maxLength: 4 }) }), { maxLength: 4 }),
      renamed: fc.option(fc.nat(), { nil: undefined }),
      dropped: fc.option(fc.nat(), { nil: undefined }),
    });
    fc.assert(
      fc.property(arb, ({ picked, edits, renamed, dropped }) => {
        const base: InputFile[] = picked.map((f) => ({ path: f.path, content: f.text }));
        const head: InputFile[] = base.map((f) => ({ ...f }));
        for (const e of edits) {
          const file = head[e.file % head.length];
          file.content = mutate(String(file.content), e.mutations);
        }
        const renames = new Map<string, string>();
        if (renamed !== undefined) {
          const file = head[renamed % head.length];
          const from = file.path;
          file.path = from.replace(/(\.[a-z]+)$/, '_renamed$1');
          renames.set(file.path, from);
        }
        if (dropped !== undefined && head.length > 1) head.splice(dropped % head.length, 1);
        const result = engine.diff({ base, head, renames });
        // Resolved findings sit in the base version, under the head name when renamed.
        const baseUnderHeadNames = base.map((f) => ({ ...f, path: [...renames].find(([, from]) => from === f.path)?.[0] ?? f.path }));
        expectSoundFindings(head, result.findings.filter((f) => f.status !== 'resolved'));
        expectSoundFindings(baseUnderHeadNames, result.findings.filter((f) => f.status === 'resolved'));
        const headLines = new Map(head.map((f) => [f.path, lineCount(f.content)]));
        for (const h of result.hunks) {
          if (h.newLines > 0) expect(h.newStart + h.newLines - 1 <= headLines.get(h.path)!).toBe(true);
        }
      }),
      { numRuns: ENGINE_DIFF },
    );
  }, fuzzTimeout());
});

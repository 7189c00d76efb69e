/**
 * Fixes on mutated copies of the example's files: applying every fix (needs-review ones too)
 * never turns a file that parsed into one that does not: job JSON and `.ipynb` stay JSON,
 * bundle YAML stays YAML without errors, and the fixed repository scans again.
 */
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/engine/apply-fixes.js';
import type { Engine } from '../../src/engine/engine.js';
import { decodeContent } from '../../src/model/text.js';
import type { InputFile } from '../../src/model/types.js';
import { getEngine } from '../helpers/engine.js';
import { fixtureFiles, fuzzTimeout, mutate, mutationArb, runs } from '../helpers/fuzz.js';

let engine: Engine;
beforeAll(async () => {
  engine = await getEngine();
});

function parses(path: string, text: string): boolean {
  if (path.endsWith('.json') || path.endsWith('.ipynb')) {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }
  if (path.endsWith('.yml') || path.endsWith('.yaml')) return parseDocument(text).errors.length === 0;
  return true;
}

function fixAll(files: InputFile[]): Map<string, string> {
  const texts = new Map(files.map((file) => [file.path, decodeContent(file.content).text]));
  const findings = engine.scan(files).findings.filter((f) => f.autofix);
  return applyFixes(texts, findings.map((f) => ({ id: f.fingerprint, fix: f.autofix! }))).texts;
}

const seeds = fixtureFiles().filter((f) => /\.(json|ya?ml|ipynb|py)$/.test(f.path));

describe('fixes on mutated files', () => {
  it(
    'keep a file that parsed parseable, and the repository scans again',
    () => {
      fc.assert(
        fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutationArb(), { maxLength: 3 }), (index, mutations) => {
          const seed = seeds[index];
          const mutated = mutate(seed.text, mutations);
          const files: InputFile[] = [...seeds.filter((s) => s !== seed).map((s) => ({ path: s.path, content: s.text })), { path: seed.path, content: mutated }];
          const fixed = fixAll(files);
          for (const [path, text] of fixed) {
            const before = decodeContent(files.find((f) => f.path === path)!.content).text;
            if (parses(path, before)) expect(parses(path, text), path).toBe(true);
          }
          engine.scan(files.map((file) => ({ path: file.path, content: fixed.get(file.path) ?? file.content })));
        }),
        { numRuns: runs(25) },
      );
    },
    fuzzTimeout(),
  );
});

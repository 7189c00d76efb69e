import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NotStrictJson, TooDeepJson, parseStrictJsonPos } from '../../src/model/json-fast.js';
import { buildJobsModel, readJobFile } from '../../src/model/jobs.js';
import { MAX_DEPTH, MAX_SCAN_DEPTH, parseJsoncPos, parseJsonPos } from '../../src/model/pos-tree.js';
import { get } from '../../src/model/pos-helpers.js';
import { FIXTURE_ROOT, runs } from '../helpers/fuzz.js';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsonFiles(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

const fixtureJobs = jsonFiles(FIXTURE_ROOT).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

/** Strict JSON in the layouts people write: compact, indented by spaces or tabs, CRLF. */
const layouts = fc.constantFrom<(v: unknown) => string>(
  (v) => JSON.stringify(v),
  (v) => JSON.stringify(v, null, 2),
  (v) => JSON.stringify(v, null, '\t'),
  (v) => JSON.stringify(v, null, 1).replace(/\n/g, '\r\n'),
  (v) => `\n  ${JSON.stringify(v, null, 4)}\n\n`,
);

describe('parseJsonPos: the one-pass reader gives the tree of jsonc-parser', () => {
  it('on the fixture job files, spans and all', () => {
    expect(fixtureJobs.length).toBeGreaterThan(0);
    for (const { text } of fixtureJobs) {
      const fast = parseJsonPos(text);
      expect(fast.root?.type).toBe('object');
      expect(fast).toEqual(parseJsoncPos(text));
      // The reader took these: they are strict JSON, not a fallback.
      expect(() => parseStrictJsonPos(text, MAX_DEPTH, MAX_SCAN_DEPTH, [])).not.toThrow();
    }
  });

  it('on the fixture job files, the whole job model', () => {
    for (const { path, text } of fixtureJobs) {
      const model = readJobFile(path, text)!;
      expect(model.jobs.length).toBeGreaterThan(0);
      expect(model).toEqual(buildJobsModel(path, 'job-json', text, parseJsoncPos(text)));
    }
  });

  it(`on generated JSON in every layout (${runs(300)} cases)`, () => {
    fc.assert(
      fc.property(fc.jsonValue(), layouts, (value, layout) => {
        const text = layout(value);
        const fast = parseJsonPos(text);
        expect(fast.root).toBeDefined();
        // isDeepStrictEqual tells -0 from 0, as JSON.parse and jsonc-parser both do.
        expect(isDeepStrictEqual(fast, parseJsoncPos(text))).toBe(true);
      }),
      { numRuns: runs(300), seed: 16 },
    );
  });

  it(`on cut and edited JSON, whatever falls back (${runs(300)} cases)`, () => {
    const seed = fixtureJobs[0].text;
    fc.assert(
      fc.property(fc.nat(seed.length), fc.nat(seed.length), fc.constantFrom('', ',', '//x\n', '}', '"', '\\', '\t', '01', '\uFEFF'), (at, cut, insert) => {
        const text = seed.slice(0, at) + insert + seed.slice(Math.min(seed.length, at + (cut % 8)));
        expect(isDeepStrictEqual(parseJsonPos(text), parseJsoncPos(text))).toBe(true);
      }),
      { numRuns: runs(300), seed: 16 },
    );
  });

  it('keeps duplicate keys, escapes, numbers and the nesting cut as jsonc-parser does', () => {
    const cases = [
      '{"a": 1, "b": 2, "a": {"c": 3}}',
      '{"\\u00e9\\n": "x\\"y\\\\", "k": "é😀", "n": [-0, 0.5, 1e5, -1.5E-3, 12345678901234567890]}',
      '\r\n{\r\n  "a" : { } ,\r\n  "b": [ ]\r\n}\r\n',
      '{"x": ' + '['.repeat(300) + ']'.repeat(300) + ', "y": [' + '{"z": '.repeat(250) + 'null' + '}'.repeat(250) + ']}',
      '"a string"',
      ' 7 ',
    ];
    for (const text of cases) expect(isDeepStrictEqual(parseJsonPos(text), parseJsoncPos(text))).toBe(true);
    const cut = parseJsonPos(cases[3]);
    expect(cut.problems.filter((p) => p.message.includes(String(MAX_DEPTH)))).toHaveLength(2);
    expect(get(cut.root, 'y', 0)?.type).toBe('object');
  });

  it('stops past the nesting the parsers take, with the verdict of the bracket scan', () => {
    const nest = (n: number, inner = ''): string => '['.repeat(n) + inner + ']'.repeat(n);
    expect(parseJsonPos(nest(MAX_SCAN_DEPTH)).root).toBeDefined();
    expect(() => parseStrictJsonPos(nest(MAX_SCAN_DEPTH + 1), MAX_DEPTH, MAX_SCAN_DEPTH, [])).toThrow(TooDeepJson);
    for (const text of [nest(MAX_SCAN_DEPTH), nest(MAX_SCAN_DEPTH + 1), nest(600, '1, ,'), '[1,,' + nest(600), '{"a": "[[[[", "b": ' + nest(499) + '}', '["\\"' + nest(501) + ']']) {
      expect(isDeepStrictEqual(parseJsonPos(text), parseJsoncPos(text))).toBe(true);
    }
    expect(parseJsonPos(nest(600, '1, ,')).problems[0].message).toMatch(/nested deeper than 500/);
  });

  it('refuses what strict JSON does not allow, so jsonc-parser reads and reports it', () => {
    for (const text of ['', '  ', '{"a": 1,}', '[1 2]', '{"a" 1}', '{"a": 01}', '[.5]', '[1.]', '[-]', '{"a":"\t"}', '{"a": 1} x', '// c\n{}', '[tru]', "['a']", '\uFEFF{}', '{"a": "\\x"}']) {
      expect(() => JSON.parse(text)).toThrow();
      expect(() => parseStrictJsonPos(text, MAX_DEPTH, MAX_SCAN_DEPTH, [])).toThrow();
      expect(parseJsonPos(text)).toEqual(parseJsoncPos(text));
    }
    expect(() => parseStrictJsonPos('{"a": [}', MAX_DEPTH, MAX_SCAN_DEPTH, [])).toThrow(NotStrictJson);
    expect(parseJsonPos('{\n  "a": 1,\n  "b": ,\n}').problems[0].line).toBe(3);
  });
});

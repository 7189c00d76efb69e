/**
 * Files over `maxFileBytes` (default 5 MB) are skipped with one notice, in scans and diffs,
 * and their content never reaches a regular expression (nor the line differ).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/engine/scan.js';
import type { InputFile } from '../../src/model/types.js';
import { getEngine } from '../helpers/engine.js';
import { sourceNotebook } from '../helpers/fuzz.js';

let engine: Engine;
beforeAll(async () => {
  engine = await getEngine();
});

const SIX_MB = 6 * 1024 * 1024;

/**
 * A 6 MB notebook that would give findings and exercise every text regex if it were read:
 * CRLF line ends (newline normalisation), a stream without watermark, dotted hosts.
 */
function bigNotebook(fill: string): string {
  const head = sourceNotebook(['df = spark.readStream.format("kafka").load()', 'agg = df.groupBy("k").count()']).replace(/\n/g, '\r\n');
  const line = `x = "${fill}"\r\n`;
  return head + line.repeat(Math.ceil((SIX_MB - head.length) / line.length));
}

const BIG_TEXT = bigNotebook('abc.azuredatabricks.net a.a.a.a');
const BIG_BYTES = new TextEncoder().encode(bigNotebook('x'));

/** Records the length of every string a regular expression runs on (all RegExp methods go through exec). */
const originalExec = RegExp.prototype.exec;
let longestRegexInput = 0;
function spyOnRegexes(): void {
  longestRegexInput = 0;
  RegExp.prototype.exec = function exec(this: RegExp, input: string) {
    longestRegexInput = Math.max(longestRegexInput, String(input).length);
    return originalExec.call(this, input);
  };
}
afterEach(() => {
  RegExp.prototype.exec = originalExec;
});

function skipNotice(path: string) {
  return expect.objectContaining({ path, rule: 'P000', severity: 'notice', line: 1, message: expect.stringContaining(`over the ${DEFAULT_MAX_FILE_BYTES}-byte limit`) });
}

describe('size limit', () => {
  it('skips a 6 MB file (text or bytes, any kind) with one notice, fast, without running a regex on it', () => {
    const files: InputFile[] = [
      { path: 'nb/big.py', content: BIG_TEXT },
      { path: 'nb/big_bytes.py', content: BIG_BYTES },
      { path: 'jobs/big.json', content: `{"tasks": [${'{"task_key": "t"},'.repeat(SIX_MB / 18)}]}` },
      { path: 'big.ipynb', content: BIG_BYTES },
      { path: 'databricks.yml', content: BIG_TEXT },
    ];
    expect(files.every((f) => (typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.byteLength) > DEFAULT_MAX_FILE_BYTES)).toBe(true);
    spyOnRegexes();
    const started = performance.now();
    const result = engine.scan(files);
    const elapsed = performance.now() - started;
    RegExp.prototype.exec = originalExec;
    expect(result.findings).toEqual(expect.arrayContaining(files.map((f) => skipNotice(f.path))));
    expect(result.findings).toHaveLength(files.length);
    expect(longestRegexInput).toBeLessThan(1024 * 1024);
    // Skipping is a byte count: even a loaded machine does it in well under this.
    expect(elapsed).toBeLessThan(2000);
  });

  it('skips it in a diff too: no hunks, no line diff, no regex on it, the notice is existing', () => {
    const base: InputFile[] = [{ path: 'nb/big.py', content: BIG_TEXT }];
    const head: InputFile[] = [{ path: 'nb/big.py', content: `${BIG_TEXT}y = 1\r\n` }];
    spyOnRegexes();
    const started = performance.now();
    const result = engine.diff({ base, head });
    const elapsed = performance.now() - started;
    RegExp.prototype.exec = originalExec;
    expect(result.findings).toEqual([expect.objectContaining({ path: 'nb/big.py', rule: 'P000', status: 'existing' })]);
    expect(result.hunks).toEqual([]);
    expect(longestRegexInput).toBeLessThan(1024 * 1024);
    expect(elapsed).toBeLessThan(2000);
  });

  it('counts bytes, not characters, and honours maxFileBytes exactly', () => {
    const text = sourceNotebook(['df = spark.readStream.table("a")', 'agg = df.groupBy("k").count()', '# é']);
    const bytes = Buffer.byteLength(text);
    expect(bytes).toBeGreaterThan(text.length);
    const at = engine.scan([{ path: 'n.py', content: text }], { maxFileBytes: bytes }).findings;
    expect(at.map((f) => f.rule)).toContain('P101');
    const over = engine.scan([{ path: 'n.py', content: text }], { maxFileBytes: bytes - 1 }).findings;
    expect(over.filter((f) => f.path === 'n.py').map((f) => f.rule)).toEqual(['P000']);
  });

  it('analyses the other files of the run as usual', () => {
    const small = sourceNotebook(['df = spark.readStream.table("a")', 'agg = df.groupBy("k").count()']);
    const findings = engine.scan([
      { path: 'nb/big.py', content: BIG_TEXT },
      { path: 'nb/small.py', content: small },
    ]).findings;
    expect(findings.filter((f) => f.path === 'nb/big.py').map((f) => f.rule)).toEqual(['P000']);
    expect(findings.filter((f) => f.path === 'nb/small.py').map((f) => f.rule)).toContain('P101');
  });
});

import { describe, expect, it } from 'vitest';
import { getEngine, linesOf, notebook, scanFiles, toInputs } from '../helpers/engine.js';

const streamAgg = 's = spark.readStream.table("c.s.t")\nc = s.groupBy("k").count()';

describe('file models and line maps', () => {
  it('points at the real line of a CRLF file with a BOM', async () => {
    const text = `\uFEFF${notebook(streamAgg)}`.replace(/\n/g, '\r\n');
    expect(await linesOf('P101', { 'a.py': text })).toEqual([3]);
  });
  it('analyses plain modules and follows local function returns', async () => {
    const mod = 'def bronze(spark):\n    return spark.readStream.table("c.s.t")\n\n\ndef agg(df):\n    return df.groupBy("k").count()\n\nresult = agg(bronze(spark))\n';
    expect(await linesOf('P101', { 'pkg/m.py': mod })).toEqual([6]);
  });
  it('follows %run includes: a stream defined in an included notebook', async () => {
    const inc = notebook('src = spark.readStream.table("c.s.t")');
    const main = notebook('# MAGIC %run ./inc', 'c = src.groupBy("k").count()');
    expect(await linesOf('P101', { 'nb/inc.py': inc, 'nb/main.py': main })).toEqual([6]);
  });
  it('maps .ipynb cells back to the JSON file lines and skips markdown cells', async () => {
    const ipynb = JSON.stringify(
      {
        cells: [
          { cell_type: 'markdown', metadata: {}, source: ['df.groupBy("k").count() on a readStream\n'] },
          { cell_type: 'code', metadata: {}, source: ['s = spark.readStream.table("c.s.t")\n', 'c = s.groupBy("k").count()\n'], outputs: [] },
        ],
        metadata: { language_info: { name: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    );
    const expected = ipynb.split('\n').findIndex((l) => l.includes('c = s.groupBy')) + 1;
    const findings = (await scanFiles({ 'x.ipynb': ipynb })).filter((f) => f.rule === 'P101');
    expect(findings.map((f) => f.line)).toEqual([expected]);
    expect(findings[0].column).toBeGreaterThan(1);
  });
  it('reads %sql cells of a Python notebook and SQL notebooks', async () => {
    const findings = await scanFiles({ 'a.py': notebook('# MAGIC %sql\n# MAGIC SELECT 1') });
    expect(findings.filter((f) => f.priority === 0)).toEqual([]);
  });
});

describe('bad input never crashes the run', () => {
  it('reports one cannot-analyse notice for binary files and invalid notebooks, and goes on', async () => {
    const findings = await scanFiles({
      'bin.py': new Uint8Array([0, 1, 2, 3, 0, 255]),
      'broken.ipynb': '{"cells": [',
      'bad.json': '{"name": "j", "tasks": [',
      'empty.py': '',
      'syntax.py': notebook('def broken(:\n    pass', streamAgg),
    });
    const cannot = findings.filter((f) => f.rule === 'P000');
    expect(cannot.map((f) => [f.path, f.priority, f.severity])).toEqual([
      ['bad.json', 0, 'notice'],
      ['bin.py', 0, 'notice'],
      ['broken.ipynb', 0, 'notice'],
      ['syntax.py', 0, 'notice'],
    ]);
    // A syntax error is said, with its line (the first cell's `def broken(:`), and the rest is still analysed.
    const syntax = cannot.find((f) => f.path === 'syntax.py');
    expect(syntax?.message).toContain(`Python syntax error near line ${syntax?.line}`);
    expect(syntax?.line).toBe(2);
    expect(findings.some((f) => f.path === 'syntax.py' && f.rule === 'P101')).toBe(true);
  });
  it('skips files over the size limit with a notice', async () => {
    const findings = await scanFiles({ 'big.py': notebook(streamAgg) }, { maxFileBytes: 10 });
    expect(findings.map((f) => f.rule)).toEqual(['P000']);
  });
});

describe('suppressions, fingerprints and diff', () => {
  it('honours ignore comments, in MAGIC lines and file-wide in the first cell', async () => {
    const nb = notebook('# remediation: ignore-file[P5]', 's = spark.readStream.table("c.s.t")\n# MAGIC %md remediation: ignore[P101] is text in markdown', 'c = s.groupBy("k").count()  # remediation: ignore[missing-watermark]');
    const findings = await scanFiles({ 'a.py': nb });
    const p101 = findings.filter((f) => f.rule === 'P101');
    expect(p101.map((f) => f.suppressed)).toEqual([true]);
    expect(findings.filter((f) => f.priority === 5).every((f) => f.suppressed)).toBe(true);
  });
  it('keeps fingerprints when unrelated lines are inserted above', async () => {
    const a = await scanFiles({ 'a.py': notebook(streamAgg) });
    const b = await scanFiles({ 'a.py': notebook('x = 1\ny = 2', streamAgg) });
    const fa = a.filter((f) => f.rule === 'P101')[0];
    const fb = b.filter((f) => f.rule === 'P101')[0];
    expect(fb.line).toBe(fa.line + 5);
    expect(fb.fingerprint).toBe(fa.fingerprint);
  });
  it('classifies new, existing and resolved findings and maps hunks to priorities', async () => {
    const engine = await getEngine();
    const base = notebook('s = spark.readStream.table("c.s.t")\nc = s.groupBy("k").count()\nt = s.writeStream.trigger(once=True).toTable("c.s.u")');
    const head = notebook('s = spark.readStream.table("c.s.t").withWatermark("ts", "1 minute")\nc = s.groupBy("k").count()\nt = s.writeStream.trigger(once=True).toTable("c.s.u")\nd = s.dropDuplicates(["id"])');
    const result = engine.diff({ base: toInputs({ 'a.py': base }), head: toInputs({ 'a.py': head }) });
    const status = (rule: string) => result.findings.filter((f) => f.rule === rule).map((f) => f.status);
    expect(status('P101')).toEqual(['resolved']);
    expect(status('P404')).toEqual(['existing']);
    expect(status('P102')).toEqual(['new']);
    expect(result.findings.find((f) => f.rule === 'P102')?.changed).toBe(true);
    const hunkAt2 = result.hunks.find((h) => h.newStart === 2);
    expect(hunkAt2?.priorities).toContain(1);
  });
  it('keeps history across renames', async () => {
    const engine = await getEngine();
    const nb = notebook(streamAgg);
    const result = engine.diff({ base: toInputs({ 'old.py': nb }), head: toInputs({ 'new.py': nb }), renames: new Map([['new.py', 'old.py']]) });
    expect(result.findings.filter((f) => f.rule === 'P101').map((f) => [f.path, f.status])).toEqual([['new.py', 'existing']]);
  });
});

describe('partial repositories', () => {
  it('skips whole-repository rules when told the files are only part of the repository', async () => {
    const files = { 'nb/a.py': notebook('s = spark.readStream.table("c.s.t")') };
    expect((await scanFiles(files)).some((f) => f.name === 'no-test-suite')).toBe(true);
    expect((await scanFiles(files, { wholeRepository: false })).some((f) => f.name === 'no-test-suite')).toBe(false);
  });
});

describe('.ipynb columns after JSON escapes', () => {
  // The finding's column must point at `print` in the JSON file line, whatever the JSON escaped before it.
  const cases: [string, string][] = [
    ['a quote', 'x = \\"a\\"; print(x)'],
    ['a backslash', 'p = \\"C:\\\\\\\\t\\"; print(p)'],
    ['a tab', 'y = 1;\\tprint(y)'],
    ['a unicode escape', 's = \\"caf\\u00e9\\"; print(s)'],
  ];
  it.each(cases)('after %s', async (_name, escaped) => {
    const json = `{"cells": [{"cell_type": "code", "metadata": {}, "source": ["spark.read.table(\\"main.a.b\\").write.saveAsTable(\\"main.a.c\\")\\n", "${escaped}\\n"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`;
    const [finding] = (await scanFiles({ 'jobs/n.ipynb': json })).filter((f) => f.rule === 'P601');
    const line = json.split('\n')[finding.line - 1];
    expect(line.slice(finding.column - 1, finding.column - 1 + 5)).toBe('print');
  });

  it('inside a single-string source split by \\n escapes', async () => {
    const json = '{"cells": [{"cell_type": "code", "metadata": {}, "source": "spark.read.table(\\"main.a.b\\").write.saveAsTable(\\"main.a.c\\")\\nz = \\"q\\"; print(z)"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}';
    const [finding] = (await scanFiles({ 'jobs/n.ipynb': json })).filter((f) => f.rule === 'P601');
    expect(json.slice(finding.column - 1, finding.column - 1 + 5)).toBe('print');
  });
});

describe('# MAGIC %python cells of Python source notebooks', () => {
  it('are parsed as Python at their own lines and columns; markdown MAGIC cells are not', async () => {
    const nb = notebook(
      'x = 1',
      '# MAGIC %python\n# MAGIC counts = (spark.readStream.table("main.s.events")\n# MAGIC     .groupBy("uri").count())  # remediation: ignore[P4]\n# MAGIC counts.writeStream.toTable("main.s.counts")',
      '# MAGIC %md\n# MAGIC spark.readStream.table("x").groupBy("k").count()',
    );
    const findings = await scanFiles({ 'jobs/a.py': nb });
    const p101 = findings.filter((f) => f.rule === 'P101');
    expect(p101.map((f) => [f.line, f.column])).toEqual([[8, nb.split('\n')[7].indexOf('count()') + 1]]);
    expect(findings.filter((f) => f.rule === 'P406').map((f) => f.suppressed)).toEqual([true]);
  });
});

describe('line magics typed into Python cells of source notebooks', () => {
  it('are not Python and not a syntax error; a continuation line starting with % stays code', async () => {
    const nb = notebook('%pip install azure-devops==6.0.0b4\n!ls /dbfs', 'msg = ("%s rows"\n    % spark.range(1).count())\nprint(msg)\nspark.read.table("main.a.src").write.saveAsTable("main.a.b")');
    const findings = await scanFiles({ 'jobs/a.py': nb });
    expect(findings.filter((f) => f.rule === 'P000')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'P601').map((f) => f.line)).toEqual([nb.split('\n').indexOf('print(msg)') + 1]);
  });
});

/** Fixes of the Python rules: the text they write, and where they write none. */
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/engine/apply-fixes.js';
import type { EngineOptions } from '../../src/engine/api-types.js';
import type { Finding } from '../../src/model/types.js';
import { notebook, scanFiles, type Files } from '../helpers/engine.js';
import { ipynb } from '../helpers/ipynb.js';

async function findingsOf(rule: string, files: Files, options?: EngineOptions): Promise<Finding[]> {
  return (await scanFiles(files, options)).filter((f) => f.rule === rule);
}

/** The file after applying every fix of the rule (one pass), with the fixes' safety classes. */
async function fixed(rule: string, files: Files, path: string, options?: EngineOptions): Promise<{ text: string; safety: string[]; unfixed: number }> {
  const findings = await findingsOf(rule, files, options);
  const texts = new Map(Object.entries(files).map(([p, c]) => [p, String(c)]));
  const withFix = findings.filter((f) => f.autofix);
  const result = applyFixes(texts, withFix.map((f) => ({ id: f.fingerprint, fix: f.autofix! })));
  return { text: result.texts.get(path) ?? texts.get(path)!, safety: withFix.map((f) => f.autofix!.safety), unfixed: findings.length - result.applied.length };
}

describe('P404 trigger-once fix', () => {
  it('writes availableNow=True in place of once=True (safe)', async () => {
    const nb = notebook('q = (spark.readStream.table("c.s.t")\n    .writeStream.trigger(once=True)\n    .toTable("c.s.u"))');
    const out = await fixed('P404', { 'a.py': nb }, 'a.py');
    expect(out.text).toBe(notebook('q = (spark.readStream.table("c.s.t")\n    .writeStream.trigger(availableNow=True)\n    .toTable("c.s.u"))'));
    expect(out.safety).toEqual(['safe']);
  });

  it('has no fix when availableNow is given too', async () => {
    const nb = notebook('spark.readStream.table("c.s.t").writeStream.trigger(once=True, availableNow=True).toTable("c.s.u")');
    const findings = await findingsOf('P404', { 'a.py': nb });
    expect(findings).toHaveLength(1);
    expect(findings[0].autofix).toBeUndefined();
  });
});

describe('P102 dropduplicates-streaming fix', () => {
  it('renames dropDuplicates(cols) after a watermark (safe)', async () => {
    const nb = notebook('s = spark.readStream.table("c.s.t").withWatermark("ts", "1 minute")\nd = s.dropDuplicates(["id"])\nd.writeStream.toTable("c.s.u")');
    const out = await fixed('P102', { 'a.py': nb }, 'a.py');
    expect(out.text).toBe(notebook('s = spark.readStream.table("c.s.t").withWatermark("ts", "1 minute")\nd = s.dropDuplicatesWithinWatermark(["id"])\nd.writeStream.toTable("c.s.u")'));
    expect(out.safety).toEqual(['safe']);
  });

  it('has no fix without a watermark upstream, or on a runtime older than DBR 13.3', async () => {
    const bare = notebook('s = spark.readStream.table("c.s.t")\nd = s.dropDuplicates(["id"])\nd.writeStream.toTable("c.s.u")');
    expect((await findingsOf('P102', { 'a.py': bare })).map((f) => f.autofix)).toEqual([undefined]);
    const marked = notebook('s = spark.readStream.table("c.s.t").withWatermark("ts", "1 minute")\nd = s.dropDuplicates(["id"])\nd.writeStream.toTable("c.s.u")');
    const job = JSON.stringify({ name: 'j', schedule: { quartz_cron_expression: '0 0 1 * * ?' }, tasks: [{ task_key: 't', notebook_task: { notebook_path: 'jobs/a' }, new_cluster: { spark_version: '12.2.x-scala2.12' } }] });
    expect((await findingsOf('P102', { 'jobs/a.py': marked, 'jobs/j.json': job })).map((f) => f.autofix)).toEqual([undefined]);
  });
});

describe('P401, P402, P403 cap fixes', () => {
  it('add the cap option before the load, with the rule docs\' values (needs review)', async () => {
    const nb = notebook(
      'k = (spark\n    .readStream\n    .format("kafka")\n    .option("subscribe", "t")\n    .load())',
      'd = spark.readStream.table("c.s.t")',
      'a = spark.readStream.format("cloudFiles").option("cloudFiles.format", "json").load(p)',
      'k.union(d).union(a).writeStream.toTable("c.s.u")',
    );
    const files = { 'a.py': nb };
    const kafka = await fixed('P401', files, 'a.py');
    expect(kafka.text).toBe(nb.replace('.option("subscribe", "t")\n', '.option("subscribe", "t").option("maxOffsetsPerTrigger", 10000)\n'));
    expect(kafka.safety).toEqual(['needs-review']);
    expect((await fixed('P402', files, 'a.py')).text).toBe(nb.replace('spark.readStream.table(', 'spark.readStream.option("maxBytesPerTrigger", "1g").table('));
    expect((await fixed('P403', files, 'a.py')).text).toBe(nb.replace('"json").load(p)', '"json").option("cloudFiles.maxFilesPerTrigger", 500).load(p)'));
  });

  it('take the values of the config\'s fixes.defaults', async () => {
    const nb = notebook('e = spark.readStream.format("eventhubs").options(**conf).load()\ne.writeStream.toTable("c.s.u")');
    const out = await fixed('P401', { 'a.py': nb }, 'a.py', { fixes: { defaults: { maxEventsPerTrigger: 2500 }, tags: {} } });
    expect(out.text).toBe(nb.replace('.options(**conf)', '.options(**conf).option("maxEventsPerTrigger", 2500)'));
  });

  it('have no fix for a SQL source', async () => {
    const sql = 'CREATE OR REFRESH STREAMING TABLE b AS SELECT * FROM STREAM read_files("/landing", format => "json");\n';
    const findings = await findingsOf('P403', { 'pipelines/b.sql': sql });
    expect(findings).toHaveLength(1);
    expect(findings[0].autofix).toBeUndefined();
  });
});

describe('P601 print-logging fix', () => {
  it('calls logger.info and adds the module logger once, after the imports (needs review)', async () => {
    const source = 'import os\nimport sys  # for argv\nfrom pyspark.sql import DataFrame\n\nprint(os.getcwd())\n\ndef f(df):\n    print(df.count())\n';
    const out = await fixed('P601', { 'src/pipeline/io.py': source }, 'src/pipeline/io.py');
    expect(out.text).toBe('import os\nimport sys  # for argv\nfrom pyspark.sql import DataFrame\nimport logging\nlogger = logging.getLogger(__name__)\n\nlogger.info(os.getcwd())\n\ndef f(df):\n    logger.info(df.count())\n');
    expect(out.safety).toEqual(['needs-review', 'needs-review']);
  });

  it('reuses logging and a module logger that are there, and goes before the first statement without imports', async () => {
    const withLogger = 'import logging\nlogger = logging.getLogger("x")\nspark.read.table("c.s.src").write.saveAsTable("c.s.t")\nprint(1)\n';
    expect((await fixed('P601', { 'jobs/a.py': withLogger }, 'jobs/a.py')).text).toBe(withLogger.replace('print(1)', 'logger.info(1)'));
    const bare = notebook('"""Loads the table."""\nspark.read.table("c.s.src").write.saveAsTable("c.s.t")\nprint("done")');
    expect((await fixed('P601', { 'jobs/b.py': bare }, 'jobs/b.py')).text).toBe(
      notebook('"""Loads the table."""\nimport logging\nlogger = logging.getLogger(__name__)\nspark.read.table("c.s.src").write.saveAsTable("c.s.t")\nlogger.info("done")'),
    );
  });

  it('in an .ipynb notebook: the cell source gets the lines as strings of its list', async () => {
    const nb = ipynb([{ type: 'code', source: 'import os\nspark.read.table("c.s.src").write.saveAsTable("c.s.t")' }, { type: 'code', source: 'print(os.sep)' }]);
    const out = await fixed('P601', { 'jobs/nb.ipynb': nb }, 'jobs/nb.ipynb');
    expect(JSON.parse(out.text).cells.map((c: { source: string[] }) => c.source)).toEqual([
      ['import os\n', 'import logging\n', 'logger = logging.getLogger(__name__)\n', 'spark.read.table("c.s.src").write.saveAsTable("c.s.t")'],
      ['logger.info(os.sep)'],
    ]);
  });

  it('has no fix for print with several arguments, keywords or a splat', async () => {
    const source = 'spark.read.table("c.s.src").write.saveAsTable("c.s.t")\nprint("n", 1)\nprint(1, file=sys.stderr)\nprint(*rows)\nprint()\n';
    const findings = await findingsOf('P601', { 'jobs/a.py': source });
    expect(findings.map((f) => [f.line, f.autofix])).toEqual([[2, undefined], [3, undefined], [4, undefined], [5, undefined]]);
  });
});

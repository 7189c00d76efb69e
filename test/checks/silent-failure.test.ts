import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';

describe('P302 silent-failure', () => {
  it('fires on pass, print-only, sentinel and continue handlers, at the except line', async () => {
    const nb = notebook(
      [
        'def score(batch):',
        '    try:',
        '        return spark.sql(batch)',
        '    except Exception:',
        '        pass',
        'def parse(raw):',
        '    try:',
        '        return float(raw)',
        '    except ValueError as e:',
        '        print(f"bad value {e}")',
      ].join('\n'),
      [
        'def predict(pdfs):',
        '    for pdf in pdfs:',
        '        results = []',
        '        try:',
        '            results = post(pdf)',
        '        except Exception as e:',
        '            results.append({"prediction": -1, "prob_0": 0.0})',
        '            print(f"Inference error: {e}")',
        '        yield results',
        'for item in items:',
        '    try:',
        '        handle(item)',
        '    except:',
        '        continue',
      ].join('\n'),
    );
    expect(await linesOf('P302', { 'jobs/n.py': nb })).toEqual([5, 10, 20, 27]);
  });

  it('says what the handler swallows', async () => {
    const src = 'from pyspark.sql import SparkSession\ntry:\n    go()\nexcept (KeyError, ValueError):\n    pass\n';
    const [finding] = (await scanFiles({ 'jobs/run.py': src })).filter((f) => f.rule === 'P302');
    expect(finding.line).toBe(4);
    expect(finding.message).toContain('`(KeyError, ValueError)`');
    expect(finding.message).toContain('`pass`');
  });

  it('does not fire on handlers that log, re-raise, guard optional imports, in tests, comments, strings or markdown', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC ```\n# MAGIC except Exception:\n# MAGIC     pass\n# MAGIC ```',
      'try:\n    import dlt\nexcept ImportError:\n    pass',
      'try:\n    go()\nexcept Exception:\n    logger.exception("go failed")\n    dead_letters.append(item)',
      'try:\n    go()\nexcept ValueError as exc:\n    print(exc)\n    raise',
      '# try: go()\n# except Exception: pass\nsnippet = "try:\\n    go()\\nexcept Exception:\\n    pass"',
    );
    expect(await linesOf('P302', { 'n.py': nb })).toEqual([]);
    expect(await linesOf('P302', { 'tests/test_go.py': 'try:\n    go()\nexcept Exception:\n    pass\n' })).toEqual([]);
  });

  it('is silenced by a suppression on the line above or on the line', async () => {
    const src = [
      'from pyspark.sql import SparkSession',
      'try:',
      '    go()',
      '# remediation: ignore[P302]',
      'except Exception:',
      '    pass',
      'try:',
      '    go()',
      'except Exception:  # remediation: ignore[silent-failure]',
      '    pass',
      '',
    ].join('\n');
    expect(await linesOf('P302', { 'jobs/run.py': src })).toEqual([]);
    expect((await scanFiles({ 'jobs/run.py': src })).filter((f) => f.rule === 'P302' && f.suppressed).map((f) => f.line)).toEqual([5, 9]);
  });

  it('judges a handler by what it guards: logged before the sentinel, imports and definitions only, a cleanup inside a handler that re-raises', async () => {
    const src = [
      'import logging',
      'LOGGER = logging.getLogger(__name__)',
      'try:',
      '    from openai import OpenAI',
      'except Exception:',
      '    OpenAI = None',
      'class Lookups:',
      '    try:',
      '        def load(self):',
      '            return spark.read.table("main.a.b")',
      '    except Exception:',
      '        pass',
      'def parse(raw):',
      '    try:',
      '        return json.loads(raw)',
      '    except ValueError:',
      '        LOGGER.error("bad record %s", raw)',
      '        return None',
      'def save(conn, df):',
      '    try:',
      '        df.write.saveAsTable("main.a.b")',
      '    except Exception:',
      '        try:',
      '            conn.rollback()',
      '        except Exception:',
      '            pass',
      '        raise',
      'def unsafe(raw):',
      '    try:',
      '        import yaml',
      '        return yaml.safe_load(raw)',
      '    except Exception:',
      '        return None',
    ].join('\n');
    // Only the last: its try body parses data, and the handler fills a sentinel without a word.
    expect(await linesOf('P302', { 'jobs/run.py': src })).toEqual([32]);
  });

  it('a control-plane call whose error is only printed is not reported in a notebook run by hand; around data, or with pass and sentinels, it still is', async () => {
    const cells = [
      'df = spark.read.table("main.a.predictions")',
      'try:\n    w.quality_monitors.update(table_name="main.a.predictions")\nexcept Exception as e:\n    print(e)',
      'try:\n    df.write.saveAsTable("main.a.copy")\nexcept Exception:\n    pass',
      'try:\n    df.write.mode("append").saveAsTable("main.a.orders")\nexcept Exception as err:\n    print(f"orders not written: {err}")',
    ];
    const nb = notebook(...cells);
    const at = (text: string): number => nb.split('\n').indexOf(text) + 1;
    const data = [at('except Exception:'), at('except Exception as err:')];
    expect(await linesOf('P302', { 'labs/monitor.py': nb })).toEqual(data);
    // Run by a job, or set up as pipeline code: nobody reads the print.
    const all = [at('except Exception as e:'), ...data];
    expect(await linesOf('P302', { 'jobs/monitor.py': nb })).toEqual(all);
    expect(await linesOf('P302', { 'labs/monitor.py': nb }, { roles: { pipeline: ['labs/**'] } })).toEqual(all);
  });
});

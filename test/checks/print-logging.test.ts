import { describe, expect, it } from 'vitest';
import { getEngine, linesOf, notebook, toInputs } from '../helpers/engine.js';
import { ipynb, lineContaining } from '../helpers/ipynb.js';

describe('P601 print-logging', () => {
  it('fires on each print call in a notebook, also inside functions', async () => {
    const nb = notebook(
      'query = df.writeStream.toTable("main.bronze.t")\nprint(f"started {query.id}")',
      'def handle(batch_df, batch_id):\n    try:\n        batch_df.count()\n    finally:\n        print(batch_id)',
    );
    expect(await linesOf('P601', { 'jobs/n.py': nb })).toEqual([3, 11]);
  });

  it('does not fire in comments, markdown cells, strings, method calls named print, or logging calls', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC Progress is reported with `print()` for now.',
      '# print("debug")\nhelp_text = "print(x)"\nconsole.print("rich output")\nlogger.info("started %s", 1)',
      'def f():\n    """Calls print(x) in the old version."""\n    return 1',
    );
    expect(await linesOf('print-logging', { 'jobs/n.py': nb })).toEqual([]);
  });

  it('does not fire in test files', async () => {
    const test = 'def test_x():\n    print("debugging a test")\n';
    expect(await linesOf('P601', { 'tests/test_x.py': test, 'src/pkg/conftest.py': 'print(1)\n' })).toEqual([]);
  });

  it('fires in plain modules of pipeline code: using Spark, or imported by code that does', async () => {
    expect(await linesOf('P601', { 'src/pipeline/io.py': 'from pyspark.sql import DataFrame\nimport os\n\nprint(os.getcwd())\n' })).toEqual([4]);
    const helper = 'def report(n):\n    print(f"{n} rows")\n';
    const job = 'from pipeline.report import report\nreport(spark.read.table("main.a.b").count())\n';
    expect(await linesOf('P601', { 'src/pipeline/report.py': helper, 'src/pipeline/job.py': job })).toEqual([2]);
  });

  it('does not fire in tooling: CI scripts, modules without Spark, web app back ends', async () => {
    const files = {
      '.github/scripts/release.py': 'import subprocess\nprint(subprocess.run(["git", "tag"]).returncode)\n',
      'src/cli/args.py': 'import argparse\nprint(argparse.ArgumentParser().parse_args())\n',
      'apps/dashboard/app.py': 'from databricks.sdk import WorkspaceClient\nprint(WorkspaceClient().current_user.me())\n',
    };
    expect(await linesOf('P601', files)).toEqual([]);
    const roles = (await getEngine()).scan(toInputs(files)).roles;
    expect(Object.fromEntries(roles ?? [])).toEqual({ '.github/scripts/release.py': 'tooling', 'src/cli/args.py': 'tooling', 'apps/dashboard/app.py': 'tooling' });
  });

  it('the config\'s roles win over the inferred ones', async () => {
    const files = { 'tools/backfill.py': 'df = spark.read.table("main.a.b")\nprint(df.count())\n' };
    expect(await linesOf('P601', files)).toEqual([]);
    expect(await linesOf('P601', files, { roles: { pipeline: ['tools/**'] } })).toEqual([2]);
  });

  describe('in notebooks run by hand', () => {
    // A batch exercise: reads, writes, prints its progress for the person running the cells.
    const cells = ['df = spark.read.csv("/Volumes/main/raw/a.csv", header=True)', 'df.write.saveAsTable("main.a.b")\nprint("table written")'];
    const handRun = notebook(...cells);
    const helper = 'def save(df):\n    df.write.saveAsTable("main.a.c")\n    print("saved")';

    it('does not judge them, functions included; a module with the same code is judged', async () => {
      expect(await linesOf('P601', { 'labs/lab03.py': handRun })).toEqual([]);
      expect(await linesOf('P601', { 'labs/lab03.py': notebook(...cells, helper) })).toEqual([]);
      expect(await linesOf('P601', { 'labs/lab03_helpers.py': `${helper}\n` })).toEqual([3]);
    });

    it('judges them once something shows they run unattended', async () => {
      const printLine = (nb: string): number => nb.split('\n').indexOf('print("table written")') + 1;
      const parameterised = notebook('env = dbutils.widgets.get("env")', ...cells);
      expect(await linesOf('P601', { 'labs/lab03.py': parameterised })).toEqual([printLine(parameterised)]);
      const taskValues = notebook(...cells, 'dbutils.jobs.taskValues.set("rows", df.count())');
      expect(await linesOf('P601', { 'labs/lab03.py': taskValues })).toEqual([printLine(taskValues)]);
      const streaming = notebook('spark.readStream.table("main.a.src").writeStream.option("checkpointLocation", "/Volumes/main/a/cp").toTable("main.a.d")', ...cells);
      expect(await linesOf('P601', { 'labs/lab03.py': streaming })).toEqual([printLine(streaming)]);
      expect(await linesOf('P601', { 'jobs/lab03.py': handRun })).toEqual([printLine(handRun)]);
      // A role from the repository config is the team's word: judged by it alone.
      expect(await linesOf('P601', { 'labs/lab03.py': handRun }, { roles: { pipeline: ['labs/**'] } })).toEqual([printLine(handRun)]);
    });

    it('judges a notebook a job of the repository runs: a job file, a job defined in a RUNME notebook, an include of one', async () => {
      const printLine = handRun.split('\n').indexOf('print("table written")') + 1;
      const jobJson = JSON.stringify({ name: 'load', tasks: [{ task_key: 'load', notebook_task: { notebook_path: '../labs/lab03' } }] });
      expect(await linesOf('P601', { 'labs/lab03.py': handRun, 'resources/load.json': jobJson })).toEqual([printLine]);
      const runme = notebook('job_json = {"name": "accelerator", "tasks": [{"task_key": "lab", "notebook_task": {"notebook_path": "lab03"}}]}\nNotebookSolutionCompanion().deploy_compute(job_json)');
      expect(await linesOf('P601', { 'labs/lab03.py': handRun, 'labs/RUNME.py': runme })).toEqual([printLine]);
      // A placeholder names no notebook.
      const templated = runme.replace('"lab03"', 'f"{folder}/lab03"');
      expect(await linesOf('P601', { 'labs/lab03.py': handRun, 'labs/RUNME.py': templated })).toEqual([]);
      const parent = notebook('# MAGIC %run ./lab03', 'dbutils.widgets.get("env")');
      const included = await getEngine().then((e) => e.scan(toInputs({ 'labs/lab03.py': handRun, 'labs/parent.py': parent })).findings);
      expect(included.filter((f) => f.rule === 'P601').map((f) => [f.path, f.line])).toEqual([['labs/lab03.py', printLine]]);
    });
  });

  it('is suppressed by a comment on the line above or a file-wide comment in the first cell', async () => {
    const above = notebook('x = spark.range(3).count()', '# remediation: ignore[P6]\nprint(x)\nprint(x + 1)\nspark.read.table("main.a.src").write.saveAsTable("main.a.b")');
    expect(await linesOf('P601', { 'jobs/a.py': above })).toEqual([8]);
    const fileWide = notebook('# remediation: ignore-file[print-logging]\nimport logging', 'print(spark.range(1).count())\nspark.read.table("main.a.src").write.saveAsTable("main.a.b")');
    expect(await linesOf('P601', { 'b.py': fileWide })).toEqual([]);
  });

  it('points at the real line of an .ipynb file and ignores markdown cells', async () => {
    const nb = ipynb([
      { type: 'markdown', source: '# Notes\nWe print(progress) for now.' },
      { type: 'code', source: 'x = spark.range(3)\nprint(x.count())\nspark.read.table("main.a.src").write.saveAsTable("main.a.b")' },
    ]);
    expect(await linesOf('P601', { 'jobs/load.ipynb': nb })).toEqual([lineContaining(nb, 'print(x.count())')]);
  });
});

import { describe, expect, it } from 'vitest';
import { linesOf, notebook } from '../helpers/engine.js';
import { ipynb, lineContaining } from '../helpers/ipynb.js';

const sqlNotebook = (...cells: string[]): string => `-- Databricks notebook source\n${cells.join('\n\n-- COMMAND ----------\n\n')}\n`;

describe('P806 two-level-name', () => {
  it('fires on schema.table names in Python writes and reads', async () => {
    const nb = notebook(
      'df = spark.readStream.table("bronze.mbo")\nref = spark.table("reference.contracts")',
      'q = (df.writeStream\n    .option("checkpointLocation", "/Volumes/main/cp/a")\n    .toTable("silver.bars"))',
      'def write(batch_df, batch_id):\n    batch_df.write.mode("append").saveAsTable("`gold`.`features`")',
    );
    expect(await linesOf('P806', { 'n.py': nb })).toEqual([2, 3, 9, 14]);
  });

  it('does not fire on three-level, one-level, dynamic, temporary or path names, nor in markdown, comments or strings', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC df.writeStream.toTable("silver.bars")',
      'CATALOG = "spymaster"\ndf = spark.readStream.table(f"{CATALOG}.bronze.mbo")\ndf.writeStream.toTable(f"{catalog}.silver.bars")',
      'spark.read.table(f"{schema}.bars")\nspark.read.table("bars")\nspark.read.table("global_temp.bars_view")\nspark.read.table("main.silver.bars")',
      '# df.writeStream.toTable("silver.bars")\ntext = "df.writeStream.toTable(\'silver.bars\')"',
    );
    expect(await linesOf('P806', { 'n.py': nb })).toEqual([]);
  });

  it('fires on CREATE TABLE names in .sql files, SQL notebooks and %sql cells, at the name', async () => {
    const sql = "CREATE TABLE IF NOT EXISTS silver.bars (id INT);\nCREATE OR REPLACE TABLE main.silver.ok (id INT);\nCREATE TEMPORARY TABLE tmp.x (id INT);\nCREATE EXTERNAL TABLE\n  `gold`.`vectors`\nLOCATION 's3://b/v';\n";
    expect(await linesOf('P806', { 'ddl.sql': sql })).toEqual([1, 5]);
    const snb = sqlNotebook('-- MAGIC %md\n-- MAGIC CREATE TABLE silver.not_code', 'CREATE OR REFRESH STREAMING TABLE bronze.mbo\nAS SELECT * FROM STREAM read_files(\'/Volumes/main/raw/v\');');
    expect(await linesOf('P806', { 'pipelines/bronze.sql': snb })).toEqual([7]);
    const pnb = notebook('x = 1', '# MAGIC %sql\n# MAGIC CREATE TABLE IF NOT EXISTS spymaster_silver.bars_5s\n# MAGIC USING DELTA');
    expect(await linesOf('P806', { 'n.py': pnb })).toEqual([7]);
  });

  it('does not fire on dynamic or path-based SQL names', async () => {
    const sql = "CREATE TABLE ${catalog}.silver.bars (id INT);\nCREATE TABLE IDENTIFIER(:name) (id INT);\nCREATE TABLE delta.`/mnt/lake/x` (id INT);\n-- CREATE TABLE silver.bars (id INT);\n";
    expect(await linesOf('P806', { 'ddl.sql': sql })).toEqual([]);
  });

  it('is suppressed by -- comments in SQL and by ignore-file[P8] in Python', async () => {
    expect(await linesOf('P806', { 'ddl.sql': '-- remediation: ignore[P806]\nCREATE TABLE silver.bars (id INT);\n' })).toEqual([]);
    const nb = notebook('# remediation: ignore-file[P8]', 'df.writeStream.toTable("silver.bars")');
    expect(await linesOf('P806', { 'n.py': nb })).toEqual([]);
  });

  it('points at the real line of an .ipynb file', async () => {
    const nb = ipynb([{ type: 'code', source: 'df = spark.read.table("main.a.b")\ndf.write.saveAsTable("silver.out")' }]);
    expect(await linesOf('P806', { 'n.ipynb': nb })).toEqual([lineContaining(nb, 'silver.out')]);
  });

  it('stays silent where the session catalog is chosen: USE CATALOG (SQL, spark.sql, an include) or setCurrentCatalog', async () => {
    const write = 'df = spark.read.table("main.a.b")\ndf.write.saveAsTable("bronze.events")';
    expect(await linesOf('P806', { 'a.py': notebook('spark.sql("USE CATALOG main")', write) })).toEqual([]);
    expect(await linesOf('P806', { 'b.py': notebook('spark.catalog.setCurrentCatalog("main")', write) })).toEqual([]);
    expect(await linesOf('P806', { 'c.py': notebook('# MAGIC %sql\n# MAGIC USE CATALOG main', write) })).toEqual([]);
    const included = { 'nb/_setup.py': notebook('spark.sql("USE CATALOG main")'), 'nb/d.py': notebook('# MAGIC %run ./_setup', write) };
    expect(await linesOf('P806', included)).toEqual([]);
    expect(await linesOf('P806', { 'e.py': notebook(write) })).not.toEqual([]);
  });

  it('stays silent when a %run include is outside the repository (it may choose the catalog), not when every include is known', async () => {
    const write = 'df = spark.read.table("main.a.b")\ndf.write.saveAsTable("bronze.events")';
    expect(await linesOf('P806', { 'nb/a.py': notebook('# MAGIC %run ../../_resources/00-global-setup', write) })).toEqual([]);
    expect(await linesOf('P806', { 'nb/_conf.py': notebook('x = 1'), 'nb/b.py': notebook('# MAGIC %run ./_conf', write) })).toEqual([7]);
  });
});

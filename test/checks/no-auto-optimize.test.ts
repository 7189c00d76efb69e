import { describe, expect, it } from 'vitest';
import { linesOf, notebook } from '../helpers/engine.js';
import { ipynb, lineContaining } from '../helpers/ipynb.js';

const sqlNotebook = (...cells: string[]): string => `-- Databricks notebook source\n${cells.join('\n\n-- COMMAND ----------\n\n')}\n`;
const EXTERNAL = "CREATE TABLE IF NOT EXISTS main.silver.bars\nUSING DELTA\nLOCATION 'abfss://lake@acct.dfs.core.windows.net/silver/bars';\n";

describe('P807 no-auto-optimize', () => {
  it('fires on external Delta tables in a .sql file, at the table name', async () => {
    const sql = `${EXTERNAL}CREATE EXTERNAL TABLE main.gold.v (id INT) LOCATION 's3://b/v';\nCREATE TABLE delta.\`/mnt/lake/x\` (id INT);\n`;
    expect(await linesOf('P807', { 'ddl.sql': sql })).toEqual([1, 4, 5]);
  });

  it('fires in SQL notebooks and in %sql cells of Python notebooks, at the real lines', async () => {
    expect(await linesOf('P807', { 'nb.sql': sqlNotebook('SELECT 1', EXTERNAL.trimEnd()) })).toEqual([6]);
    const pnb = notebook('x = 1', "# MAGIC %sql\n# MAGIC CREATE TABLE IF NOT EXISTS main.silver.bars\n# MAGIC USING DELTA\n# MAGIC LOCATION 'abfss://lake@acct.dfs.core.windows.net/silver/bars'");
    expect(await linesOf('P807', { 'n.py': pnb })).toEqual([7]);
  });

  it('does not fire on managed, optimized, clustered, non-Delta or pipeline tables', async () => {
    const sql = [
      'CREATE TABLE main.silver.managed (id INT);',
      "CREATE TABLE main.silver.opt (id INT) LOCATION 's3://b/opt' TBLPROPERTIES ('delta.autoOptimize.optimizeWrite' = 'true', 'delta.autoOptimize.autoCompact' = 'true');",
      "CREATE TABLE main.silver.clustered (id INT) CLUSTER BY (id) LOCATION 's3://b/c';",
      "CREATE TABLE main.silver.pq (id INT) USING PARQUET LOCATION 's3://b/pq';",
      "CREATE OR REFRESH STREAMING TABLE main.bronze.st AS SELECT * FROM STREAM read_files('s3://b/raw');",
      "CREATE TABLE main.silver.later (id INT) LOCATION 's3://b/later';",
      "ALTER TABLE main.silver.later SET TBLPROPERTIES ('delta.autoOptimize.autoCompact' = 'true');",
      "-- CREATE TABLE main.silver.commented LOCATION 's3://b/x';",
      "CREATE TABLE main.silver.ctas AS SELECT 'LOCATION' AS s, 's3://x' AS p;",
    ].join('\n');
    expect(await linesOf('P807', { 'ddl.sql': sql })).toEqual([]);
  });

  it('does not fire on SQL shown in markdown cells or Python strings', async () => {
    const nb = notebook(
      "# MAGIC %md\n# MAGIC CREATE TABLE main.a.b LOCATION 's3://b/x'",
      "spark.sql(\"SELECT 1\")\ntext = \"CREATE TABLE main.a.b LOCATION 's3://b/x'\"",
    );
    expect(await linesOf('P807', { 'n.py': nb })).toEqual([]);
  });

  it('is suppressed by -- remediation comments, also inside %sql cells', async () => {
    expect(await linesOf('P807', { 'ddl.sql': `-- remediation: ignore[P807]\n${EXTERNAL}` })).toEqual([]);
    const pnb = notebook('x = 1', "# MAGIC %sql\n# MAGIC -- remediation: ignore[no-auto-optimize]\n# MAGIC CREATE TABLE main.silver.bars LOCATION 's3://b/x'");
    expect(await linesOf('P807', { 'n.py': pnb })).toEqual([]);
  });

  it('points at the real line of a SQL cell in an .ipynb file', async () => {
    const nb = ipynb([
      { type: 'code', source: 'x = 1' },
      { type: 'code', source: "%sql\nCREATE TABLE main.silver.bars\nLOCATION 's3://b/bars'" },
    ]);
    expect(await linesOf('P807', { 'n.ipynb': nb })).toEqual([lineContaining(nb, 'CREATE TABLE main.silver.bars')]);
  });
});

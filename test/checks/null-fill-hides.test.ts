import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';

const SCHEMA = [
  'schema = StructType([',
  '    StructField("contract_id", StringType(), False),',
  '    StructField("price", DoubleType(), True),',
  '    StructField("size", LongType(), nullable=False),',
  '])',
].join('\n');

describe('P306 null-fill-hides', () => {
  it('fires on na.fill and fillna over nullable or undeclared columns, streaming or batch', async () => {
    const nb = notebook(
      SCHEMA,
      'df = spark.readStream.table("main.silver.bars")\nvectors = df.select("contract_id", "price")\nfilled = vectors.na.fill(0.0)',
      'batch = spark.read.table("main.silver.bars").fillna(0, subset=["price", "size"])',
      'other = some_frame().na.fill({"volume": 0})',
    );
    expect(await linesOf('P306', { 'n.py': nb })).toEqual([12, 16, 20]);
  });

  it('does not fire when the filled columns are all declared non-nullable', async () => {
    const nb = notebook(
      SCHEMA,
      'df = spark.readStream.table("main.silver.bars")\na = df.na.fill(0, subset=["size"])\nb = df.fillna({"contract_id": "?", "size": 0})\nc = df.na.fill("?", ["contract_id"])',
    );
    expect(await linesOf('P306', { 'n.py': nb })).toEqual([]);
  });

  it('does not fire on pandas fillna of unknown frames, markdown, comments or strings', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC Then `df_vectors.na.fill(0.0)` fills the gaps.',
      'def clean(pdf):\n    return pdf.fillna(0)',
      '# df.na.fill(0.0)\nnote = "df_vectors.na.fill(0.0)"',
    );
    expect(await linesOf('P306', { 'n.py': nb })).toEqual([]);
  });

  it('is silenced by a suppression on the line above or on the line', async () => {
    const nb = notebook(
      'df = spark.read.table("main.silver.bars")\n# remediation: ignore[P306]\na = df.na.fill(0.0)\nb = df.fillna(0.0)  # remediation: ignore[null-fill-hides]\nb.write.saveAsTable("main.silver.filled")',
    );
    expect(await linesOf('P306', { 'n.py': nb })).toEqual([]);
    expect((await scanFiles({ 'n.py': nb })).filter((f) => f.rule === 'P306' && f.suppressed).map((f) => f.line)).toEqual([4, 5]);
  });
});

/**
 * Deterministic benchmark corpora: the spymaster fixture scaled to N notebooks and job files,
 * each copy varied by a seeded generator (names, numbers, an extra cell), plus one large
 * notebook and one `.ipynb` with many cells.
 */
import type { InputFile } from '../src/model/types.js';

/** Small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const text = (c: string | Uint8Array): string => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'));

function vary(file: InputFile, copy: number, rand: () => number): InputFile {
  const body = text(file.content);
  if (file.path.endsWith('.py') && body.startsWith('# Databricks notebook source')) {
    const n = Math.floor(rand() * 1000);
    const extra = `\n# COMMAND ----------\n\nthreshold_${copy} = ${n}\nlabels_${copy} = [f"c{i}" for i in range(${1 + (n % 7)})]\n`;
    return { path: `copy-${copy}/${file.path}`, content: body + extra };
  }
  if (file.path.endsWith('.json')) return { path: `copy-${copy}/${file.path}`, content: body.replace(/"num_workers": (\d+)/g, (_m, w) => `"num_workers": ${(Number(w) + copy) % 3}`) };
  return { path: `copy-${copy}/${file.path}`, content: body };
}

/** Copies the base files until `notebooks` notebooks and job files are reached. */
export function scaledCorpus(base: InputFile[], notebooks: number, seed: number): InputFile[] {
  const rand = random(seed);
  const units = base.filter((f) => /\.(py|ipynb|json|ya?ml|sql)$/.test(f.path));
  const out: InputFile[] = [];
  for (let copy = 0; out.length < notebooks; copy++) {
    for (const file of units) {
      if (out.length >= notebooks) break;
      out.push(vary(file, copy, rand));
    }
  }
  return out;
}

/**
 * A changed version of a corpus: `changes` files edited the way a remediation PR does (a rate
 * limit added, a watermark added, a print replaced), the rest untouched.
 */
export function changedCorpus(files: InputFile[], changes: number, seed: number): InputFile[] {
  const rand = random(seed);
  const editable = files.map((f, i) => ({ f, i })).filter(({ f }) => f.path.endsWith('.py'));
  const picked = new Set<number>();
  while (picked.size < Math.min(changes, editable.length)) picked.add(editable[Math.floor(rand() * editable.length)].i);
  return files.map((file, i) => {
    if (!picked.has(i)) return file;
    const body = text(file.content)
      .replace('.format("delta").load(', '.format("delta").option("maxBytesPerTrigger", "1g").load(')
      .replace(/print\(/, 'logger.info(')
      .replace(/\.load\((\w+_PATH)\)/, '.load($1).withWatermark("event_time", "10 minutes")');
    return { path: file.path, content: `${body}\n# reviewed ${i}\n` };
  });
}

/** One notebook of about `bytes` bytes made of repeated streaming cells. */
export function largeNotebook(bytes: number, seed: number): InputFile {
  const rand = random(seed);
  const cells: string[] = ['# Databricks notebook source'];
  let size = cells[0].length;
  for (let i = 0; size < bytes; i++) {
    const cell = `\n# COMMAND ----------\n\ndf_${i} = (spark.readStream.format("delta")\n    .option("maxBytesPerTrigger", "1g")\n    .table("c.s.t${i}")\n    .withWatermark("ts", "${1 + Math.floor(rand() * 30)} minutes"))\nagg_${i} = df_${i}.groupBy(window("ts", "5 minutes"), "k").count()\nprint(agg_${i})\n`;
    cells.push(cell);
    size += cell.length;
  }
  // Under `jobs/`: a job's notebook, judged by every rule (src/engine/hand-run.ts), as the row has always measured.
  return { path: 'jobs/huge_notebook.py', content: cells.join('') };
}

/** A Jupyter notebook with `count` code cells. */
export function manyCellIpynb(count: number): InputFile {
  const cells = [];
  for (let i = 0; i < count; i++) {
    cells.push(
      i % 10 === 0
        ? { cell_type: 'markdown', metadata: {}, source: [`## Step ${i}\n`, 'uses `applyInPandasWithState` as an example\n'] }
        : { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: [`df_${i} = spark.readStream.table("c.s.t${i}")\n`, `q_${i} = df_${i}.groupBy("k").count()\n`] },
    );
  }
  return { path: 'large/many_cells.ipynb', content: JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1) };
}

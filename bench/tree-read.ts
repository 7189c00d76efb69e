/**
 * `npm run bench:tree`: what reading the syntax tree back costs, per bench row, and what the
 * flat table saves. Times (median and min of TREE_RUNS runs, default 5, variants interleaved
 * within each run):
 *   (a) parse only;
 *   (b) parse + the fact-style walk through the SyntaxNode wrapper;
 *   (c) parse + flat table (cursor walk), the wasm tree freed after;
 *   (c') parse + the same read through `Node.children` (the alternative the cursor replaces);
 *   (d) parse + flat table + the same walk over the table;
 *   (e) parse + wrapper + collectFacts itself, for scale.
 * Then the memory left after building, for (b) (the wrappers; their wasm trees stay alive too)
 * and (c) (the tables; the wasm trees are freed). Needs `--expose-gc` (the npm script passes it).
 * TREE_SIZES (default 100,1000) picks the scaled rows; the 5 MB notebook and the 2,000-cell
 * `.ipynb` always run. A script, not a test.
 */
import { buildModel } from '../src/engine/file-analysis.js';
import { DEFAULT_MAX_FILE_BYTES } from '../src/engine/scan.js';
import { buildFlatTree, type FlatTree } from '../src/model/flat-tree.js';
import { collectFacts } from '../src/model/python-facts.js';
import { loadPythonParser } from '../src/model/python-parser.js';
import { SyntaxTree } from '../src/model/syntax-tree.js';
import type { TextUnit } from '../src/model/types.js';
import { fixtureFiles, rowSpecs } from './rows.js';
import { filesOf, round, summary, type Timing } from './scan-bench.js';
import { buildViaChildren, walkFlat, walkWrapped } from './tree-walks.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:tree)');
const runs = Math.max(1, Number(process.env.TREE_RUNS ?? 5));
const sizes = (process.env.TREE_SIZES ?? '100,1000').split(',').map(Number);
const parser = await loadPythonParser();
const base = await fixtureFiles();

type Variant = 'a' | 'b' | 'c' | "c'" | 'd' | 'e';
const VARIANTS: Variant[] = ['a', 'b', 'c', "c'", 'd', 'e'];

function parse(text: string) {
  const raw = parser.parse(text);
  if (!raw) throw new Error('parse failed');
  return raw;
}

/** One pass of a variant over every Python unit; returns its checksum. */
function pass(variant: Variant, units: TextUnit[]): number {
  let sum = 0;
  for (const unit of units) {
    const raw = parse(unit.text);
    if (variant === 'a') raw.delete();
    else if (variant === 'b' || variant === 'e') {
      // Node by node whatever the size: the engine reads large sources in bulk, as (d) does.
      const tree = new SyntaxTree(raw, unit.text, false);
      sum += variant === 'b' ? walkWrapped(tree) : collectFacts(tree, unit).calls.length;
      tree.delete();
    } else if (variant === "c'") {
      sum += buildViaChildren(raw.rootNode);
      raw.delete();
    } else {
      const flat = buildFlatTree(raw, unit.text);
      raw.delete();
      sum += variant === 'd' ? walkFlat(flat) : flat.count;
    }
  }
  return sum;
}

const mb = (bytes: number): number => round(bytes / 1e6);

function heapAfter(keep: () => unknown[]): { heapMb: number; kept: unknown[] } {
  gc!();
  const before = process.memoryUsage().heapUsed;
  const kept = keep();
  gc!();
  return { heapMb: mb(process.memoryUsage().heapUsed - before), kept };
}

function memory(units: TextUnit[]): { wrapperHeapMb: number; tableHeapMb: number; tableBytesMb: number } {
  // Tables first: the wrappers keep their wasm trees, which grow the wasm memory for good.
  const tables = heapAfter(() => units.map((u) => {
    const raw = parse(u.text);
    const flat = buildFlatTree(raw, u.text);
    raw.delete();
    return flat;
  }));
  const tableBytes = (tables.kept as FlatTree[]).reduce((n, t) => n + t.kind.byteLength + t.field.byteLength + t.start.byteLength * 6 + t.flags.byteLength + t.lineStarts.byteLength, 0);
  tables.kept.length = 0;
  const wrappers = heapAfter(() => units.map((u) => {
    const tree = new SyntaxTree(parse(u.text), u.text, false);
    walkWrapped(tree);
    return tree;
  }));
  for (const tree of wrappers.kept as SyntaxTree[]) tree.delete();
  return { wrapperHeapMb: wrappers.heapMb, tableHeapMb: tables.heapMb, tableBytesMb: mb(tableBytes) };
}

const cell = (t: Timing): string => `${t.medianMs} / ${t.minMs}`;
const lines: string[] = [];
for (const spec of rowSpecs(sizes).filter((s) => !s.name.startsWith('diff'))) {
  const units = filesOf(spec.build(base)).flatMap((f) => {
    const { model } = buildModel(f, DEFAULT_MAX_FILE_BYTES);
    return model.kind === 'code' && model.python ? [model.python] : [];
  });
  console.error(`measuring ${spec.name} (${units.length} Python units)`);
  // Same reads, same tree: the walks must agree before their times mean anything.
  const wrapped = pass('b', units);
  const flat = pass('d', units);
  if (wrapped !== flat) throw new Error(`walks disagree on ${spec.name}: ${wrapped} vs ${flat}`);
  const ms = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
  for (let run = 0; run < runs; run++) {
    for (const v of VARIANTS) {
      const start = performance.now();
      pass(v, units);
      ms.get(v)!.push(performance.now() - start);
    }
  }
  const t = new Map(VARIANTS.map((v) => [v, summary(ms.get(v)!)]));
  const m = memory(units);
  const pythonMb = mb(units.reduce((n, u) => n + u.text.length, 0));
  lines.push(`| ${spec.name} | ${units.length} | ${pythonMb} | ${VARIANTS.map((v) => cell(t.get(v)!)).join(' | ')} | ${m.wrapperHeapMb} | ${m.tableHeapMb} (${m.tableBytesMb} in arrays) |`);
}
console.log(`${runs} runs per cell, ms as median / min; Node ${process.version}`);
console.log("| row | Python units | Python M chars | (a) parse | (b) parse + wrapper walk | (c) parse + table | (c') parse + Node.children read | (d) parse + table + walk | (e) parse + collectFacts | heap after (b) MB | heap after (c) MB |");
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const line of lines) console.log(line);

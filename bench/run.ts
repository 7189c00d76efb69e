/**
 * `npm run bench`: builds its corpora deterministically, prints the figures, writes
 * bench/results.json. A script, not a test.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../src/engine/engine.js';
import { loadPythonParser } from '../src/model/python-parser.js';
import { collectScanFiles } from '../src/local/walk.js';
import { changedCorpus, largeNotebook, manyCellIpynb, scaledCorpus } from './corpus.js';
import { measureDiff, measureScan, type ScanFigures } from './scan-bench.js';
import { measureApiBudget } from './api-budget.js';

const fixture = fileURLToPath(new URL('../examples/spymaster', import.meta.url));
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const peak = (): number => Math.max(peakRss, process.memoryUsage().rss);

const sizes = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const engine = await createEngine();
const parser = await loadPythonParser();
const base = (await collectScanFiles([fixture], { cwd: process.cwd() })).files;
// Warm the JIT and the parser first, so the first corpus is not charged for it.
engine.scan(scaledCorpus(base, 50, 1));
const rows: ScanFigures[] = [];
for (const size of sizes) {
  rows.push(measureScan(`spymaster x${size}`, engine, parser, scaledCorpus(base, size, size), peak));
  console.error(`measured ${size}`);
}
// Just under the default 5 MiB file limit, so it is analysed rather than skipped.
rows.push(measureScan('one 5 MB notebook', engine, parser, [largeNotebook(5_000_000, 7)], peak));
rows.push(measureScan('ipynb of 2,000 cells', engine, parser, [manyCellIpynb(2000)], peak));
const diffBase = scaledCorpus(base, 1000, 1000);
const diff = measureDiff('spymaster x1000, 300 files changed', engine, diffBase, changedCorpus(diffBase, 300, 42));
clearInterval(sampler);
console.error('measuring API budget');
const budget = await measureApiBudget(engine);

const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`machine: ${machine}`);
console.log('| corpus | files | MB | scan ms | parse-only ms | ratio | files/s | MB/s | findings | peak RSS MB |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.corpus} | ${r.files} | ${r.megabytes} | ${r.scanMs} | ${r.parseOnlyMs} | ${r.ratio} | ${r.filesPerSecond} | ${r.megabytesPerSecond} | ${r.findings} | ${r.peakRssMb} |`);
console.log('');
console.log('| diff | files | changed | diff ms | files/s (base+head) | new | resolved | hunks |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
console.log(`| ${diff.corpus} | ${diff.files} | ${diff.changedFiles} | ${diff.diffMs} | ${diff.filesPerSecond} | ${diff.newFindings} | ${diff.resolvedFindings} | ${diff.hunks} |`);
console.log('');
console.log('| API budget | files | annotations | requests, first event | requests, later events | of which charged | platform minimum | charged over minimum |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const b of budget) console.log(`| ${b.scenario} | ${b.files} | ${b.annotations} | ${b.coldCalls} | ${b.calls} | ${b.charged} | ${b.minimum} | ${b.overMinimumPct}% |`);
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ machine, date: new Date().toISOString(), scan: rows, diff, budget }, null, 2)}\n`);

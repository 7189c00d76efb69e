/**
 * `npm run bench`: builds its corpora deterministically, times every row in a child process of
 * its own (at least 5 runs, median and minimum, interleaved with the row's floor), measures each
 * row's own peak RSS in another child (one scan), checks the findings against
 * bench/findings-golden.json, prints the tables, writes bench/results.json. A script, not a test.
 * BENCH_SIZES (default 100,1000,5000), BENCH_RUNS (default 5, at least 5 unless BENCH_QUICK),
 * BENCH_ROWS (row names to run alone, separated by `|`), BENCH_UPDATE_GOLDEN=1.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { createEngine } from '../src/engine/engine.js';
import { measureApiBudget } from './api-budget.js';
import { goldenMismatch, readGolden, recordDigest, writeGolden, type FindingsDigest } from './golden.js';
import { rowSpecs } from './rows.js';
import type { Timing } from './scan-bench.js';

interface TimeRow {
  name: string;
  scan: Timing;
  floor: Timing;
  /** The same scan on worker threads, and whether its findings matched. */
  onThreads?: { threads: number; scan: Timing; same: boolean };
  digest: FindingsDigest;
  files: number;
  megabytes: number;
}

interface MemoryRow {
  inputRssMb: number;
  peakRssMb: number;
}

const sizes = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const quick = process.env.BENCH_QUICK === '1';
const runs = Math.max(quick ? 1 : 5, Number(process.env.BENCH_RUNS ?? (quick ? 1 : 5)));
const only = process.env.BENCH_ROWS?.split('|');
const specs = rowSpecs(sizes).filter((r) => !only || only.includes(r.name));

const child = (name: string, mode: 'time' | 'memory'): unknown => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', new URL('./row.ts', import.meta.url).pathname, name, mode, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}');
};

const golden = readGolden();
const rows: (TimeRow & MemoryRow & { ratio: number })[] = [];
const mismatches: string[] = [];
for (const spec of specs) {
  console.error(`measuring ${spec.name}`);
  const time = child(spec.name, 'time') as TimeRow;
  const memory = child(spec.name, 'memory') as MemoryRow;
  rows.push({ ...time, ...memory, ratio: Math.round((time.scan.medianMs / Math.max(1, time.floor.medianMs)) * 100) / 100 });
  const mismatch = goldenMismatch(spec.name, time.digest, golden);
  if (mismatch) mismatches.push(mismatch);
  if (time.onThreads && !time.onThreads.same) mismatches.push(`${spec.name}: the scan on ${time.onThreads.threads} threads found other findings than on one`);
  if (!golden[spec.name] || process.env.BENCH_UPDATE_GOLDEN === '1') golden[spec.name] = recordDigest(spec.name, golden[spec.name], time.digest);
}
writeGolden(golden);

console.error('measuring API budget');
const budget = only ? [] : await measureApiBudget(await createEngine());

const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`machine: ${machine}; load average at the end ${loadavg()[0].toFixed(1)}; ${runs} runs per row`);
console.log('| row | files | MB | scan ms (median) | scan ms (min) | floor ms (median) | scan / floor | on threads ms (median, min) | findings | peak RSS MB |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const threaded = (r: TimeRow): string => (r.onThreads ? `${r.onThreads.scan.medianMs}, ${r.onThreads.scan.minMs} (${r.onThreads.threads})` : '-');
for (const r of rows) console.log(`| ${r.name} | ${r.files} | ${r.megabytes} | ${r.scan.medianMs} | ${r.scan.minMs} | ${r.floor.medianMs} | ${r.ratio} | ${threaded(r)} | ${r.digest.count} | ${r.peakRssMb} |`);
const worst = [...rows].sort((a, b) => b.ratio - a.ratio)[0];
if (worst) console.log(`\nworst scan / floor: ${worst.ratio} (${worst.name}; target 2.0)`);
if (budget.length > 0) {
  console.log('\n| API budget | files | annotations | requests, first event | requests, later events | of which charged | platform minimum | charged over minimum |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const b of budget) console.log(`| ${b.scenario} | ${b.files} | ${b.annotations} | ${b.coldCalls} | ${b.calls} | ${b.charged} | ${b.minimum} | ${b.overMinimumPct}% |`);
}
if (!only && !quick) writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ machine, date: new Date().toISOString(), runs, rows, worst: worst && { name: worst.name, ratio: worst.ratio }, budget }, null, 2)}\n`);
for (const m of mismatches) console.error(`FINDINGS CHANGED: ${m}`);
if (mismatches.length > 0) process.exitCode = 1;

/**
 * One bench row in a process of its own, so its peak RSS is its own and not what earlier rows
 * left behind: `tsx bench/row.ts <row name> time <runs>` prints the medians and minima of the
 * scan and of its floor (and, for scans of 64 files or more, of the scan on a worker thread per
 * core, whose findings must match); `... memory` scans once and prints the process's peak RSS.
 * Prints one JSON line on stdout.
 */
import { createEngine } from '../src/engine/engine.js';
import { limitHeapGrowth } from '../src/heap-growth.js';
import { loadPythonParser } from '../src/model/python-parser.js';
import { scaledCorpus } from './corpus.js';
import { findingsDigest } from './golden.js';
import { fixtureFiles, rowSpecs } from './rows.js';
import { floorInputs, runFloor, runRow, summary } from './scan-bench.js';
import { availableParallelism } from 'node:os';
import { scanOnWorkers } from '../src/parallel/parallel-scan.js';
import { ScanWorkerPool } from '../src/parallel/worker-pool.js';

// As the CLI and the App run: the bench measures the heap they get.
limitHeapGrowth();
const [name = '', mode = 'time', runsArg = '5'] = process.argv.slice(2);
const sizes = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const spec = rowSpecs(sizes).find((r) => r.name === name);
if (!spec) throw new Error(`no bench row named ${name}`);
const base = await fixtureFiles();
const input = spec.build(base);
const engine = await createEngine();

if (mode === 'memory') {
  const before = process.resourceUsage().maxRSS;
  const { findings } = runRow(engine, input);
  process.stdout.write(`${JSON.stringify({ name, inputRssMb: Math.round(before / 1000), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1000), findings: findings.length })}\n`);
} else {
  const parser = await loadPythonParser();
  // Warm the JIT and the parser first, so the first timed run is not charged for it.
  engine.scan(scaledCorpus(base, 50, 1));
  const floor = floorInputs(input);
  runFloor(parser, floor);
  const scanMs: number[] = [];
  const floorMs: number[] = [];
  const threadMs: number[] = [];
  let digest;
  let threadDigest;
  // Scans of many files also on worker threads (one per core, started and warmed first), as the
  // CLI runs them: the findings must be the same as on one thread.
  const threads = input.kind === 'scan' && input.files.length >= 64 ? availableParallelism() : 0;
  const pool = threads > 1 ? new ScanWorkerPool(threads) : undefined;
  if (pool && input.kind === 'scan') await scanOnWorkers(pool, scaledCorpus(base, 50, 1));
  // Interleaved, so a busy moment of the machine weighs on all alike.
  for (let i = 0; i < Math.max(1, Number(runsArg)); i++) {
    floorMs.push(runFloor(parser, floor));
    const start = performance.now();
    const { findings } = runRow(engine, input);
    scanMs.push(performance.now() - start);
    digest ??= findingsDigest(findings);
    if (pool && input.kind === 'scan') {
      const started = performance.now();
      const threaded = await scanOnWorkers(pool, input.files);
      threadMs.push(performance.now() - started);
      threadDigest ??= findingsDigest(threaded.findings);
    }
  }
  await pool?.close();
  const onThreads = pool ? { threads, scan: summary(threadMs), same: JSON.stringify(threadDigest) === JSON.stringify(digest) } : undefined;
  process.stdout.write(`${JSON.stringify({ name, scan: summary(scanMs), floor: summary(floorMs), onThreads, digest, files: floor.files, megabytes: floor.megabytes })}\n`);
}

/**
 * One bench row in a process of its own, so its peak RSS is its own and not what earlier rows
 * left behind: `tsx bench/row.ts <row name> time <runs>` prints the medians and minima of the
 * scan and of its floor; `... memory` scans once and prints the process's peak RSS.
 * Prints one JSON line on stdout.
 */
import { createEngine } from '../src/engine/engine.js';
import { loadPythonParser } from '../src/model/python-parser.js';
import { scaledCorpus } from './corpus.js';
import { findingsDigest } from './golden.js';
import { fixtureFiles, rowSpecs } from './rows.js';
import { floorInputs, runFloor, runRow, summary } from './scan-bench.js';

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
  let digest;
  // Interleaved, so a busy moment of the machine weighs on both alike.
  for (let i = 0; i < Math.max(1, Number(runsArg)); i++) {
    floorMs.push(runFloor(parser, floor));
    const start = performance.now();
    const { findings } = runRow(engine, input);
    scanMs.push(performance.now() - start);
    digest ??= findingsDigest(findings);
  }
  process.stdout.write(`${JSON.stringify({ name, scan: summary(scanMs), floor: summary(floorMs), digest, files: floor.files, megabytes: floor.megabytes })}\n`);
}

/**
 * `npm run bench:peer`: whole-process wall time of the CLI against ast-grep, a native scanner,
 * on the same files. For each scaled spymaster row (built as `npm run bench` builds it) the
 * files are written to a temporary folder, paths kept, plus a second folder holding only the
 * `.py` files (ast-grep reads Python only; we also read .ipynb, .json, .yml and .sql). Then, at
 * least 5 times and interleaved so a busy moment weighs on all alike, it times:
 *   - `node bin/remediation.js scan <all files> --format json` (stdout to /dev/null);
 *   - the same on the `.py` folder;
 *   - `ast-grep scan` with the ten pattern rules of bench/peer-rules/ on the `.py` folder, on
 *     every core (`--threads 0`, ast-grep's default: one thread per core).
 * Prints a markdown table, the worst ratio last, and writes bench/peer-results.json.
 * Needs a build (`npm run build`): it times the CLI users run, the bundle bin/remediation.js
 * loads. PEER_CLI names another launcher (a clean checkout's), PEER_RUNS (default 5, at least
 * 5) the runs, BENCH_SIZES (default 100,1000,5000) the rows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputFile } from '../src/model/types.js';
import { fixtureFiles, rowSpecs, scaledName } from './rows.js';
import { summary, type Timing } from './scan-bench.js';

const top = fileURLToPath(new URL('..', import.meta.url));
const cli = process.env.PEER_CLI ?? join(top, 'bin/remediation.js');
const astGrep = join(top, 'node_modules/.bin/ast-grep');
const rules = join(top, 'bench/peer-rules/sgconfig.yml');
const runs = Math.max(5, Number(process.env.PEER_RUNS ?? 5));
const sizes = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);

interface Command {
  file: string;
  args: string[];
  /** Exit statuses that mean the scan ran: ours exits 1 when findings fail the run. */
  ok: number[];
}

interface PeerRow {
  name: string;
  files: number;
  pyFiles: number;
  ours: Timing;
  oursPy: Timing;
  astGrep: Timing;
  ratio: number;
  ratioPy: number;
  findings: number;
  findingsPy: number;
  astGrepMatches: number;
}

const ours = (dir: string): Command => ({ file: process.execPath, args: [cli, 'scan', dir, '--format', 'json', '--no-config'], ok: [0, 1] });
const peer = (dir: string, json = false): Command => ({
  file: astGrep,
  args: ['scan', '--config', rules, '--threads', '0', ...(json ? ['--json=stream'] : ['--report-style', 'short', '--color', 'never']), dir],
  ok: [0],
});

/** Wall clock of one whole process, output discarded as `> /dev/null` does. */
function timed(command: Command): number {
  const start = performance.now();
  const result = spawnSync(command.file, command.args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - start;
  if (!command.ok.includes(result.status ?? -1)) throw new Error(`${command.file} ${command.args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 2000)}`);
  return ms;
}

/** One untimed run that reads the output, so the table shows both tools found something. */
function output(command: Command): string {
  const result = spawnSync(command.file, command.args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (!command.ok.includes(result.status ?? -1)) throw new Error(`${command.file} exited ${result.status}: ${result.stderr.slice(0, 2000)}`);
  return result.stdout;
}

const ourFindings = (dir: string): number => (JSON.parse(output(ours(dir))) as { findings: unknown[] }).findings.length;
const peerMatches = (dir: string): number => output(peer(dir, true)).split('\n').filter((line) => line.trim() !== '').length;

function writeTree(dir: string, files: readonly InputFile[]): void {
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

function measure(name: string, files: InputFile[], root: string): PeerRow {
  const all = join(root, 'all');
  const py = join(root, 'py');
  const pyFiles = files.filter((f) => f.path.endsWith('.py'));
  writeTree(all, files);
  writeTree(py, pyFiles);
  // The untimed runs also warm the page cache and Node's compile cache for the timed ones.
  const counts = { findings: ourFindings(all), findingsPy: ourFindings(py), astGrepMatches: peerMatches(py) };
  const times = { ours: [] as number[], oursPy: [] as number[], astGrep: [] as number[] };
  for (let i = 0; i < runs; i++) {
    times.ours.push(timed(ours(all)));
    times.oursPy.push(timed(ours(py)));
    times.astGrep.push(timed(peer(py)));
  }
  const [o, op, a] = [summary(times.ours), summary(times.oursPy), summary(times.astGrep)];
  const ratio = (x: Timing): number => Math.round((x.medianMs / Math.max(1, a.medianMs)) * 100) / 100;
  return { name, files: files.length, pyFiles: pyFiles.length, ours: o, oursPy: op, astGrep: a, ratio: ratio(o), ratioPy: ratio(op), ...counts };
}

function requireBuild(): void {
  if (!existsSync(astGrep)) throw new Error('ast-grep is not installed: run `npm ci`');
  const bundle = join(dirname(dirname(cli)), 'dist/bundle/cli/cli.mjs');
  if (!existsSync(bundle)) throw new Error(`no CLI bundle at ${bundle}: run \`npm run build\` first`);
  const compiled = join(dirname(dirname(cli)), 'dist/src/local/cli.js');
  if (statSync(compiled).mtimeMs > statSync(bundle).mtimeMs) console.error('warning: dist/ was compiled after the bundle: the launcher runs the unbundled CLI');
}

requireBuild();
const version = spawnSync(astGrep, ['--version'], { encoding: 'utf8' }).stdout.trim();
const names = new Set(sizes.map(scaledName));
const specs = rowSpecs(sizes).filter((r) => names.has(r.name));
const base = await fixtureFiles();
const rows: PeerRow[] = [];
for (const spec of specs) {
  const input = spec.build(base);
  if (input.kind !== 'scan') continue;
  console.error(`measuring ${spec.name}`);
  const root = mkdtempSync(join(tmpdir(), 'peer-bench-'));
  try {
    rows.push(measure(spec.name, input.files, root));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`machine: ${machine}; ${version}, --threads 0 (one thread per core); load average at the end ${loadavg()[0].toFixed(1)}; ${runs} interleaved runs; wall clock of whole processes`);
console.log('| row | files | ours ms (median) | ours ms (min) | .py files | ours on .py ms (median) | ours on .py ms (min) | ast-grep ms (median) | ast-grep ms (min) | ours / ast-grep | ours on .py / ast-grep | findings | ast-grep matches |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.name} | ${r.files} | ${r.ours.medianMs} | ${r.ours.minMs} | ${r.pyFiles} | ${r.oursPy.medianMs} | ${r.oursPy.minMs} | ${r.astGrep.medianMs} | ${r.astGrep.minMs} | ${r.ratio} | ${r.ratioPy} | ${r.findings} | ${r.astGrepMatches} |`);
const worst = [...rows].sort((a, b) => b.ratio - a.ratio)[0];
const worstPy = [...rows].sort((a, b) => b.ratioPy - a.ratioPy)[0];
if (worst) console.log(`\nworst ours / ast-grep (target 2.0): ${worst.ratio} on all files (${worst.name}), ${worstPy.ratioPy} on the .py files only (${worstPy.name})`);
writeFileSync(new URL('./peer-results.json', import.meta.url), `${JSON.stringify({ machine, astGrep: version, threads: 0, date: new Date().toISOString(), runs, rows, worst: worst && { name: worst.name, ratio: worst.ratio }, worstPy: worstPy && { name: worstPy.name, ratio: worstPy.ratioPy } }, null, 2)}\n`);

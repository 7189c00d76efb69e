/**
 * `npx tsx bench/job-parse.ts [rev]`: what the job-model step (`readJobFile`, which the scan
 * runs on every `.json` / `.yml` / `.yaml` file) costs now and at `rev`, on
 *   (a) the JSON and the YAML files of the bench corpus (spymaster scaled to 1,000 files);
 *   (b) JSON that is no job file: package.json-like files, editor settings, sample data of
 *       1,000 rows naming job keys (`settings`, `libraries`, `tasks`);
 *   (c) YAML that is no bundle: GitHub workflows, docker-compose files, Kubernetes manifests.
 * Each against the bare parse of the same files (`JSON.parse`, `yaml`'s `parseAllDocuments`).
 * `rev` (default: the commit before src/model/json-fast.ts was added) is extracted with
 * `git archive` to a temporary directory and imported from there, so "before" is the old code
 * itself, run in the same process, interleaved with "after". Median of JOB_RUNS runs (default 7)
 * after two warm-up runs, in ms per pass over the set (a run makes enough passes to last about
 * 40 ms of bare parsing). Also checks that both give the same models on (a) and take the same
 * files as job files everywhere.
 * A script, not a test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { readJobFile } from '../src/model/jobs.js';
import { decodeContent } from '../src/model/text.js';
import type { InputFile } from '../src/model/types.js';
import { scaledCorpus } from './corpus.js';
import { fixtureFiles } from './rows.js';

type ReadJobFile = typeof readJobFile;
interface TextFile {
  path: string;
  text: string;
}

const RUNS = Math.max(1, Number(process.env.JOB_RUNS ?? 7));
const root = resolve(import.meta.dirname, '..');

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
}

/** The code at `rev`, importable: its src/ and package.json, with this checkout's node_modules. */
async function oldReader(rev: string): Promise<ReadJobFile> {
  const sha = git('rev-parse', rev);
  const dir = join(tmpdir(), `job-parse-${sha.slice(0, 12)}`);
  if (!existsSync(join(dir, 'src'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${sha} src package.json | tar -x -C "${dir}"`], { cwd: root });
  }
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const mod = (await import(pathToFileURL(join(dir, 'src/model/jobs.ts')).href)) as { readJobFile: ReadJobFile };
  return mod.readJobFile;
}

function defaultRev(): string {
  const added = git('log', '--diff-filter=A', '--format=%H', '--', 'src/model/json-fast.ts').split('\n').filter(Boolean).pop();
  if (!added) throw new Error('src/model/json-fast.ts is not committed: pass the revision to compare with');
  return `${added}^`;
}

const decoded = (f: InputFile): TextFile => ({ path: f.path, text: decodeContent(f.content).text });

/** A deterministic word, so the generated files differ from each other. */
const word = (i: number): string => ['alpha', 'beta', 'gamma', 'delta', 'omega'][i % 5] + String(i);

function nonJobJson(): TextFile[] {
  const out: TextFile[] = [];
  for (let i = 0; i < 100; i++) {
    const pkg = { name: `@acme/${word(i)}`, version: `1.${i}.0`, scripts: { build: 'tsc', test: 'vitest' }, dependencies: { lodash: '^4.17.21', [word(i + 1)]: '^2.0.0' }, ...(i % 2 ? { settings: { strict: true } } : {}) };
    out.push({ path: `packages/${word(i)}/package.json`, text: JSON.stringify(pkg, null, 2) });
    out.push({ path: `.vscode/${word(i)}/settings.json`, text: JSON.stringify({ settings: { 'editor.tabSize': 2, 'files.exclude': { [word(i)]: true } }, libraries: [word(i)] }, null, 4) });
  }
  for (let i = 0; i < 100; i++) {
    const rows = Array.from({ length: 1000 }, (_, r) => ({ id: r, name: word(r + i), score: (r * 37 + i) % 101, settings: { enabled: r % 3 === 0 }, tasks: r % 7 }));
    out.push({ path: `data/sample_${i}.json`, text: JSON.stringify(rows, null, i % 2 ? 2 : undefined) });
  }
  return out;
}

function nonJobYaml(): TextFile[] {
  const out: TextFile[] = [];
  for (let i = 0; i < 100; i++) {
    out.push({ path: `.github/workflows/${word(i)}.yml`, text: `name: ${word(i)}\non:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test -- --shard=${i}\n` });
    out.push({ path: `deploy/${word(i)}/docker-compose.yml`, text: `services:\n  web:\n    image: nginx:1.${i}\n    ports: ["80${i % 10}:80"]\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_DB: ${word(i)}\n` });
    out.push({ path: `k8s/${word(i)}.yaml`, text: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${word(i)}\nspec:\n  replicas: ${1 + (i % 4)}\n  template:\n    spec:\n      containers:\n        - name: app\n          image: acme/${word(i)}:latest\n` });
  }
  return out;
}

interface Variant {
  name: string;
  run: (files: TextFile[]) => number;
}

function reading(read: ReadJobFile): (files: TextFile[]) => number {
  return (files) => files.reduce((n, f) => n + (read(f.path, f.text) ? 1 : 0), 0);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Passes over the set per timed run, so a run of a small set lasts long enough to time (about 40 ms). */
function repsFor(files: TextFile[], variant: Variant): number {
  const start = performance.now();
  variant.run(files);
  return Math.min(50, Math.max(1, Math.ceil(40 / Math.max(0.01, performance.now() - start))));
}

/** Medians (ms per pass over the set) of every variant, the variants interleaved within each run. */
function measure(files: TextFile[], variants: Variant[]): number[] {
  const reps = repsFor(files, variants[0]);
  const times = variants.map((): number[] => []);
  for (let run = -2; run < RUNS; run++) {
    variants.forEach((v, i) => {
      const start = performance.now();
      for (let r = 0; r < reps; r++) v.run(files);
      if (run >= 0) times[i].push((performance.now() - start) / reps);
    });
  }
  return times.map(median);
}

const rev = process.argv[2] ?? defaultRev();
const before = await oldReader(rev);
const corpus = scaledCorpus(await fixtureFiles(), 1000, 1000).map(decoded);
const sets: [string, TextFile[], 'json' | 'yaml'][] = [
  ['(a) bench corpus JSON', corpus.filter((f) => f.path.endsWith('.json')), 'json'],
  ['(a) bench corpus YAML', corpus.filter((f) => /\.ya?ml$/.test(f.path)), 'yaml'],
  ['(b) non-job JSON', nonJobJson(), 'json'],
  ['(c) non-job YAML', nonJobYaml(), 'yaml'],
];

// Same models before and after, or the timings compare different work.
for (const f of corpus.filter((c) => /\.(json|ya?ml)$/.test(c.path))) {
  if (!isDeepStrictEqual(readJobFile(f.path, f.text), before(f.path, f.text))) throw new Error(`models differ on ${f.path}`);
}

console.log(`job-model step (readJobFile), median of ${RUNS} runs; before = ${git('rev-parse', '--short', rev)}, after = working tree`);
const rows: string[][] = [['set', 'files', 'MB', 'jobs', 'bare parse ms', 'before ms', 'after ms', 'before/parse', 'after/parse', 'speed-up']];
for (const [name, files, kind] of sets) {
  const bare: Variant = {
    name: 'bare parse',
    run: kind === 'json' ? (fs) => fs.reduce((n, f) => n + (JSON.parse(f.text) ? 1 : 0), 0) : (fs) => fs.reduce((n, f) => n + parseAllDocuments(f.text).length, 0),
  };
  const [parse, old, now] = measure(files, [bare, { name: 'before', run: reading(before) }, { name: 'after', run: reading(readJobFile) }]);
  const jobs = reading(readJobFile)(files);
  if (reading(before)(files) !== jobs) throw new Error(`${name}: before and after do not take the same files as job files`);
  const mb = files.reduce((n, f) => n + f.text.length, 0) / 1e6;
  rows.push([name, String(files.length), mb.toFixed(2), String(jobs), parse.toFixed(2), old.toFixed(2), now.toFixed(2), (old / parse).toFixed(2), (now / parse).toFixed(2), `${(old / now).toFixed(1)}x`]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));

/**
 * The ecosystem check: scans the pinned public repositories of `ecosystem/repos.tsv` (their
 * trees checked out under DIR as `<owner>__<name>`, see ECOSYSTEM in the README) and compares
 * every finding with the hand labels of `ecosystem/labels/<owner>__<name>.jsonl`.
 *
 *   npm run ecosystem -- DIR [--rule P601] [--show wrong,noise,lost] [--write-unlabelled FILE]
 *   npm run ecosystem -- DIR --recall [--rule P101] [--show missed,unread] [--write-unlabelled FILE]
 *
 * Prints per rule: findings, right / wrong / noise (labelled), unlabelled, labels whose
 * finding is gone (and of those, `lost`: the ones labelled right), strict precision, and
 * wrong / noisy findings per 1,000 lines scanned.
 * Labels are matched by fingerprint (identity survives unrelated edits), else by rule, path
 * and line. `--write-unlabelled` writes the findings no label covers, as label lines to fill in.
 * `--recall` prints recall instead, from the grepped constructs of `ecosystem/recall/` (see
 * scripts/ecosystem-recall.ts); there `--write-unlabelled` writes the unread hits as construct lines.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../src/engine/engine.js';
import type { Finding } from '../src/model/types.js';
import { collectScanFiles } from '../src/local/walk.js';
import { emptyRecall, grepFiles, judgeRepo, printRecall, readConstructs, readPatterns, unreadLines } from './ecosystem-recall.js';

type Verdict = 'right' | 'wrong' | 'noise';

interface Label {
  rule: string;
  path: string;
  line: number;
  fingerprint?: string;
  verdict: Verdict;
  why?: string;
}

interface RepoRow {
  repo: string;
  commit: string;
  folders: string[];
}

interface Tally {
  findings: number;
  right: number;
  wrong: number;
  noise: number;
  unlabelled: number;
  gone: number;
  /** Gone labels that were `right`: real findings the engine no longer makes. */
  lost: number;
}

const ROOT = new URL('../', import.meta.url);

function readRepos(): RepoRow[] {
  const text = readFileSync(new URL('ecosystem/repos.tsv', ROOT), 'utf8');
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => {
      const [repo, commit, folders] = line.split('\t');
      return { repo, commit, folders: folders.split(',').map((f) => f.trim()) };
    });
}

function readLabels(slug: string): Label[] {
  const url = new URL(`ecosystem/labels/${slug}.jsonl`, ROOT);
  if (!existsSync(url)) return [];
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Label);
}

function lineCount(content: string | Uint8Array): number {
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  return text.split('\n').length;
}

const empty = (): Tally => ({ findings: 0, right: 0, wrong: 0, noise: 0, unlabelled: 0, gone: 0, lost: 0 });

async function main(argv: string[]): Promise<number> {
  const dir = argv.find((a) => !a.startsWith('--'));
  const only = argv.includes('--rule') ? argv[argv.indexOf('--rule') + 1] : undefined;
  const unlabelledOut = argv.includes('--write-unlabelled') ? argv[argv.indexOf('--write-unlabelled') + 1] : undefined;
  // `--show wrong,noise,lost` lists the current findings with those verdicts (role, place, why), and the right ones gone: what to read next.
  const show = new Set(argv.includes('--show') ? argv[argv.indexOf('--show') + 1].split(',') : []);
  // Recall mode: the grepped constructs of ecosystem/recall/ instead of the labelled findings.
  const recall = argv.includes('--recall') ? emptyRecall() : undefined;
  const patterns = recall ? readPatterns(new URL('ecosystem/recall/patterns.tsv', ROOT)).filter((p) => !only || p.rule === only) : [];
  const constructs = recall ? readConstructs(new URL('ecosystem/recall/constructs.jsonl', ROOT)).filter((c) => !only || c.rule === only) : [];
  if (!dir) {
    console.error('usage: npm run ecosystem -- DIR [--recall] [--rule ID] [--show wrong,noise,lost|missed,unread] [--write-unlabelled FILE]   (DIR holds <owner>__<name> checkouts of ecosystem/repos.tsv)');
    return 2;
  }
  const engine = await createEngine();
  const perRule = new Map<string, Tally>();
  const tally = (rule: string): Tally => perRule.get(rule) ?? perRule.set(rule, empty()).get(rule)!;
  let lines = 0;
  const unlabelled: string[] = [];
  const shown: string[] = [];
  for (const row of readRepos()) {
    const slug = row.repo.replace('/', '__');
    const checkout = join(dir, slug);
    if (!existsSync(checkout)) {
      console.error(`${row.repo}: no checkout at ${checkout}; skipped`);
      continue;
    }
    const targets = row.folders.map((f) => (f === '.' ? checkout : join(checkout, f))).filter((p) => existsSync(p));
    // Paths relative to the checkout whether or not it is a git clone (labels are keyed by them).
    const { files } = await collectScanFiles(targets, { cwd: checkout, root: checkout });
    lines += files.reduce((n, f) => n + lineCount(f.content), 0);
    const result = engine.scan(files);
    const findings = result.findings.filter((f) => !f.suppressed && (!only || f.rule === only));
    if (recall) {
      judgeRepo(recall, row.repo, grepFiles(row.repo, patterns, files, result.roles), constructs, findings);
      continue;
    }
    const labels = readLabels(slug).filter((l) => !only || l.rule === only);
    const byFingerprint = new Map(labels.filter((l) => l.fingerprint).map((l) => [l.fingerprint!, l]));
    const byPlace = new Map(labels.map((l) => [`${l.rule}|${l.path}|${l.line}`, l]));
    const used = new Set<Label>();
    for (const finding of findings) {
      const t = tally(finding.rule);
      t.findings++;
      const label = byFingerprint.get(finding.fingerprint) ?? byPlace.get(`${finding.rule}|${finding.path}|${finding.line}`);
      if (!label) {
        t.unlabelled++;
        unlabelled.push(JSON.stringify({ repo: row.repo, rule: finding.rule, path: finding.path, line: finding.line, fingerprint: finding.fingerprint, message: finding.message, verdict: '', why: '' }));
        continue;
      }
      used.add(label);
      t[label.verdict]++;
      if (show.has(label.verdict)) shown.push(`${finding.rule} ${label.verdict} [${finding.role ?? '-'}] ${slug.split('__')[1]}/${finding.path}:${finding.line} | ${label.why ?? ''}`);
    }
    for (const label of labels) {
      if (used.has(label)) continue;
      tally(label.rule).gone++;
      if (label.verdict === 'right') tally(label.rule).lost++;
      if (label.verdict === 'right' && show.has('lost')) shown.push(`${label.rule} lost ${slug.split('__')[1]}/${label.path}:${label.line} | ${label.why ?? ''}`);
    }
  }
  if (recall) {
    printRecall(recall, show);
    const todo = unreadLines(recall);
    if (unlabelledOut) writeFileSync(unlabelledOut, todo.join('\n') + (todo.length ? '\n' : ''));
    return 0;
  }
  printTable(perRule, lines);
  if (shown.length > 0) console.log(`\n${shown.sort().join('\n')}`);
  if (unlabelledOut) writeFileSync(unlabelledOut, unlabelled.join('\n') + (unlabelled.length ? '\n' : ''));
  return 0;
}

function printTable(perRule: Map<string, Tally>, lines: number): void {
  const rows = [...perRule].sort(([a], [b]) => (a < b ? -1 : 1));
  const total = rows.reduce((acc, [, t]) => {
    for (const key of Object.keys(acc) as (keyof Tally)[]) acc[key] += t[key];
    return acc;
  }, empty());
  const precision = (t: Tally): string => {
    const labelled = t.right + t.wrong + t.noise;
    return labelled === 0 ? '-' : (t.right / labelled).toFixed(2);
  };
  const perK = (n: number): string => (lines === 0 ? '-' : ((n * 1000) / lines).toFixed(2));
  console.log(`${lines} lines scanned\n`);
  console.log('rule  findings  right  wrong  noise  unlabelled  gone  lost  precision  wrong/kloc  noise/kloc');
  for (const [rule, t] of [...rows, ['all', total] as [string, Tally]]) {
    console.log(
      [rule.padEnd(5), String(t.findings).padStart(8), String(t.right).padStart(6), String(t.wrong).padStart(6), String(t.noise).padStart(6), String(t.unlabelled).padStart(11), String(t.gone).padStart(5), String(t.lost).padStart(5), precision(t).padStart(10), perK(t.wrong).padStart(11), perK(t.noise).padStart(11)].join(' '),
    );
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);

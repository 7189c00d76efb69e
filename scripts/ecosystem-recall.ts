/**
 * Recall of the ecosystem check: the constructs a rule is about are found by grep
 * (`ecosystem/recall/patterns.tsv`), every hit is read by hand once and labelled
 * (`ecosystem/recall/constructs.jsonl`: must the rule report it, and why), and each construct
 * labelled `expect: true` must have a finding of its rule in the same file near the hit.
 * Grep is the measuring stick on purpose: it knows nothing of the engine's lineage.
 */
import { existsSync, readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import type { FileRole, Finding, InputFile } from '../src/model/types.js';

/** A finding counts for a construct when it sits this many lines or fewer from the hit (one statement, chains split over lines). */
const NEAR = 15;
/** Rules that report a file once, at its first stateful operator: any finding of theirs in the file covers every construct. */
const ONCE_PER_FILE = new Set(['P406', 'P501']);

export interface RecallPattern {
  id: string;
  rule: string;
  matches: (path: string) => boolean;
  regex: RegExp;
  what: string;
}

export interface Construct {
  repo: string;
  pattern: string;
  rule: string;
  path: string;
  line: number;
  expect: boolean;
  why: string;
}

export interface Hit {
  repo: string;
  pattern: RecallPattern;
  path: string;
  line: number;
  text: string;
  role?: FileRole;
}

export interface RecallTally {
  constructs: number;
  expected: number;
  found: number;
  missed: number;
  /** Grep hits with no construct line yet: read and label them. */
  unread: number;
}

export interface Recall {
  perRule: Map<string, RecallTally>;
  unread: Hit[];
  missed: { construct: Construct; role?: FileRole }[];
  /** Construct lines whose hit the grep no longer makes (the pattern or the pinned tree changed). */
  stale: Construct[];
}

/** `pattern` is a regex source, or `/source/flags` when it needs flags (SQL is matched case-insensitively). */
function toRegex(pattern: string): RegExp {
  const literal = /^\/(.*)\/([a-z]*)$/.exec(pattern);
  return literal ? new RegExp(literal[1], literal[2]) : new RegExp(pattern);
}

export function readPatterns(url: URL): RecallPattern[] {
  const [header, ...rows] = readFileSync(url, 'utf8').split('\n').filter((line) => line.trim() && !line.startsWith('#'));
  const columns = header.split('\t');
  return rows.map((line) => {
    const cells = line.split('\t');
    const cell = (name: string): string => cells[columns.indexOf(name)] ?? '';
    const globs = cell('files').split(',').map((g) => g.trim());
    return { id: cell('id'), rule: cell('rule'), matches: picomatch(globs, { basename: true, dot: true }), regex: toRegex(cell('pattern')), what: cell('what') };
  });
}

export function readConstructs(url: URL): Construct[] {
  if (!existsSync(url)) return [];
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Construct);
}

export function grepFiles(repo: string, patterns: RecallPattern[], files: readonly InputFile[], roles?: Map<string, FileRole>): Hit[] {
  const hits: Hit[] = [];
  for (const file of files) {
    const wanted = patterns.filter((p) => p.matches(file.path));
    if (wanted.length === 0) continue;
    const text = typeof file.content === 'string' ? file.content : Buffer.from(file.content).toString('utf8');
    const lines = text.split('\n');
    for (const pattern of wanted) {
      lines.forEach((line, i) => {
        if (pattern.regex.test(line)) hits.push({ repo, pattern, path: file.path, line: i + 1, text: line.trim(), role: roles?.get(file.path) });
      });
    }
  }
  return hits;
}

const key = (repo: string, pattern: string, path: string, line: number): string => `${repo}|${pattern}|${path}|${line}`;

export function emptyRecall(): Recall {
  return { perRule: new Map(), unread: [], missed: [], stale: [] };
}

/** Adds one repository's hits, labels and findings to the totals. */
export function judgeRepo(recall: Recall, repo: string, hits: Hit[], constructs: Construct[], findings: readonly Finding[]): void {
  const tally = (rule: string): RecallTally =>
    recall.perRule.get(rule) ?? recall.perRule.set(rule, { constructs: 0, expected: 0, found: 0, missed: 0, unread: 0 }).get(rule)!;
  const labelled = new Map(constructs.filter((c) => c.repo === repo).map((c) => [key(c.repo, c.pattern, c.path, c.line), c]));
  const seen = new Set<Construct>();
  for (const hit of hits) {
    const construct = labelled.get(key(repo, hit.pattern.id, hit.path, hit.line));
    if (!construct) {
      tally(hit.pattern.rule).unread++;
      recall.unread.push(hit);
      continue;
    }
    seen.add(construct);
    const t = tally(construct.rule);
    t.constructs++;
    if (!construct.expect) continue;
    t.expected++;
    const near = (f: Finding): boolean => ONCE_PER_FILE.has(f.rule) || Math.abs(f.line - construct.line) <= NEAR;
    const reported = findings.some((f) => f.rule === construct.rule && f.path === construct.path && near(f));
    if (reported) t.found++;
    else {
      t.missed++;
      recall.missed.push({ construct, role: hit.role });
    }
  }
  for (const construct of labelled.values()) if (!seen.has(construct)) recall.stale.push(construct);
}

export function printRecall(recall: Recall, show: ReadonlySet<string>): void {
  const rows = [...recall.perRule].sort(([a], [b]) => (a < b ? -1 : 1));
  const total: RecallTally = { constructs: 0, expected: 0, found: 0, missed: 0, unread: 0 };
  for (const [, t] of rows) for (const k of Object.keys(total) as (keyof RecallTally)[]) total[k] += t[k];
  const ratio = (t: RecallTally): string => (t.expected === 0 ? '-' : (t.found / t.expected).toFixed(2));
  console.log('rule  constructs  expected  found  missed  recall  unread');
  for (const [rule, t] of [...rows, ['all', total] as [string, RecallTally]]) {
    console.log([rule.padEnd(5), String(t.constructs).padStart(10), String(t.expected).padStart(9), String(t.found).padStart(6), String(t.missed).padStart(7), ratio(t).padStart(7), String(t.unread).padStart(7)].join(' '));
  }
  const short = (repo: string): string => repo.split('/')[1];
  const listed: string[] = [];
  if (show.has('missed')) for (const { construct: c, role } of recall.missed) listed.push(`${c.rule} missed [${role ?? '-'}] ${short(c.repo)}/${c.path}:${c.line} (${c.pattern}) | ${c.why}`);
  if (show.has('unread')) for (const h of recall.unread) listed.push(`${h.pattern.rule} unread [${h.role ?? '-'}] ${short(h.repo)}/${h.path}:${h.line} (${h.pattern.id}) | ${h.text.slice(0, 120)}`);
  if (recall.stale.length > 0) console.log(`\n${recall.stale.length} construct line(s) no pattern hits any more (pattern or tree changed):`);
  for (const c of recall.stale) console.log(`  ${c.rule} stale ${short(c.repo)}/${c.path}:${c.line} (${c.pattern})`);
  if (listed.length > 0) console.log(`\n${listed.join('\n')}`);
}

/** Unread hits as construct lines to fill in (`expect`, `why`) after reading the code around each. */
export function unreadLines(recall: Recall): string[] {
  return recall.unread.map((h) => JSON.stringify({ repo: h.repo, pattern: h.pattern.id, rule: h.pattern.rule, path: h.path, line: h.line, expect: null, why: '' }));
}

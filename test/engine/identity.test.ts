/**
 * Identity is a contract: the spymaster repository is edited in every way that does not fix
 * anything (rename, move, whitespace, comments, suppressions, an unrelated file, reordered
 * JSON keys), and a diff from the original must show zero new and zero resolved findings;
 * each real fix must resolve exactly its finding and add none.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, InputFile } from '../../src/model/types.js';
import { collectScanFiles } from '../../src/local/walk.js';
import { getEngine } from '../helpers/engine.js';

const ROOT = fileURLToPath(new URL('../../examples/spymaster', import.meta.url));
const BRONZE = 'backend/databricks/streaming/rt__bronze_to_silver.py';
const RAW = 'backend/databricks/streaming/rt__mbo_raw_to_bronze.py';
const JOB = 'backend/databricks/job_definitions/rt__bronze_to_silver.json';

let original: InputFile[];
let findings: Finding[];

beforeAll(async () => {
  original = (await collectScanFiles([ROOT], { cwd: ROOT, root: ROOT })).files;
  findings = (await getEngine()).scan(original).findings;
});

const text = (files: InputFile[], path: string): string => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path}`);
  return typeof file.content === 'string' ? file.content : Buffer.from(file.content).toString('utf8');
};

function edit(files: InputFile[], path: string, change: (text: string) => string): InputFile[] {
  return files.map((f) => (f.path === path ? { path, content: change(text(files, path)) } : f));
}

/** Findings of the original on a file, with their lines. */
const flaggedLines = (path: string, rule?: string): number[] => [...new Set(findings.filter((f) => f.path === path && (!rule || f.rule === rule)).map((f) => f.line))];

async function relate(head: InputFile[], renames?: Map<string, string>) {
  const result = (await getEngine()).diff({ base: original, head, ...(renames ? { renames } : {}) });
  const of = (status: string) => result.findings.filter((f) => f.status === status);
  return { result, new: of('new'), resolved: of('resolved'), existing: of('existing') };
}

function describeStatus(list: Finding[]): string[] {
  return list.map((f) => `${f.path}:${f.line} ${f.rule}`);
}

describe('edits that fix nothing keep every identity', () => {
  it('renaming a notebook (and the job that runs it)', async () => {
    const moved = 'backend/databricks/streaming/silver/bars_5s.py';
    const head = edit(original, JOB, (t) => t.replace('streaming/rt__bronze_to_silver"', 'streaming/silver/bars_5s"')).map((f) => (f.path === BRONZE ? { ...f, path: moved } : f));
    expect(text(head, JOB)).toContain('streaming/silver/bars_5s"');
    const { new: added, resolved } = await relate(head, new Map([[moved, BRONZE]]));
    expect(describeStatus(added)).toEqual([]);
    expect(describeStatus(resolved)).toEqual([]);
  });

  it('moving code down (lines and a cell inserted above)', async () => {
    const head = edit(original, BRONZE, (t) => t.replace('# Databricks notebook source\n', '# Databricks notebook source\n# MAGIC %md\n# MAGIC Notes\n\n# COMMAND ----------\n\nimport logging\n\n\n'));
    const { new: added, resolved } = await relate(head);
    expect(describeStatus(added)).toEqual([]);
    expect(describeStatus(resolved)).toEqual([]);
  });

  it('reformatting: spaces inside calls and around operators, a call re-wrapped', async () => {
    const head = edit(original, BRONZE, (t) => t.replaceAll('.dropDuplicates([', '.dropDuplicates( [ ').replaceAll('.option("', '.option( "').replaceAll(' = (', ' =  (')).map((f) =>
      f.path === RAW ? { ...f, content: text(original, RAW).replaceAll('spark.readStream.format(', 'spark.readStream \\\n    .format(') } : f,
    );
    const { new: added, resolved } = await relate(head);
    expect(describeStatus(added)).toEqual([]);
    expect(describeStatus(resolved)).toEqual([]);
  });

  it('commenting flagged lines (a trailing comment on each)', async () => {
    const lines = new Set(flaggedLines(BRONZE));
    const head = edit(original, BRONZE, (t) =>
      t
        .split('\n')
        .map((line, i) => (lines.has(i + 1) && /[),(]\s*$/.test(line) && !line.includes('"""') ? `${line}  # reviewed, see ticket 12` : line))
        .join('\n'),
    );
    expect(text(head, BRONZE)).toContain('# reviewed, see ticket 12');
    const { new: added, resolved } = await relate(head);
    expect(describeStatus(added)).toEqual([]);
    expect(describeStatus(resolved)).toEqual([]);
  });

  it('a trailing suppression: the finding is suppressed with its old identity, and the next line is not covered', async () => {
    const [line] = flaggedLines(RAW, 'P601');
    const head = edit(original, RAW, (t) => t.split('\n').map((l, i) => (i + 1 === line ? `${l}  # remediation: ignore[P601]` : l)).join('\n'));
    const { new: added, resolved, existing } = await relate(head);
    expect(describeStatus(added)).toEqual([]);
    expect(describeStatus(resolved)).toEqual([]);
    const suppressed = existing.filter((f) => f.suppressed);
    expect(suppressed.map((f) => [f.rule, f.line])).toEqual([['P601', line]]);
  });

  it('a suppression alone on the line above: suppressed, existing, nothing new or resolved', async () => {
    const [line] = flaggedLines(BRONZE, 'P402');
    const head = edit(original, BRONZE, (t) =>
      t
        .split('\n')
        .flatMap((l, i) => (i + 1 === line ? [`${l.match(/^\s*/)![0]}# remediation: ignore[delta-unbounded]`, l] : [l]))
        .join('\n'),
    );
    const { new: added, resolved, existing } = await relate(head);
    expect(describeStatus(added)).toEqual([]);
    expect(describeStatus(resolved)).toEqual([]);
    expect(existing.filter((f) => f.suppressed).map((f) => f.rule)).toEqual(['P402']);
  });

  it('an unrelated new file, sorting first: only its own findings are new', async () => {
    const head = [...original, { path: 'aaa_helpers.py', content: 'import logging\n\ndef add(a, b):\n    return a + b\n' }];
    const { new: added, resolved } = await relate(head);
    expect(describeStatus(added)).toEqual([]);
    expect(describeStatus(resolved)).toEqual([]);
  });

  it('reordered JSON keys and tasks, re-indented', async () => {
    const reverse = (value: unknown): unknown =>
      Array.isArray(value) ? [...value].reverse().map(reverse) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverse(v)])) : value;
    const head = edit(original, JOB, (t) => JSON.stringify(reverse(JSON.parse(t)), null, 4));
    const { new: added, resolved } = await relate(head);
    expect(describeStatus(added)).toEqual([]);
    expect(describeStatus(resolved)).toEqual([]);
  });
});

describe('a real fix resolves exactly its finding', () => {
  it('a byte cap on a Delta source resolves its delta-unbounded, and nothing else moves', async () => {
    const [line] = flaggedLines(BRONZE, 'P402');
    const head = edit(original, BRONZE, (t) => t.split('\n').map((l, i) => (i + 1 === line ? l.replace('.load(', '.option("maxBytesPerTrigger", "1g").load(') : l)).join('\n'));
    expect(text(head, BRONZE)).toContain('maxBytesPerTrigger');
    const { new: added, resolved } = await relate(head);
    expect(describeStatus(added)).toEqual([]);
    expect(resolved.map((f) => [f.rule, f.line])).toEqual([['P402', line]]);
  });

  it('print replaced by a logger call resolves that print-logging only', async () => {
    const [line] = flaggedLines(RAW, 'P601');
    const head = edit(original, RAW, (t) => t.split('\n').map((l, i) => (i + 1 === line ? l.replace('print(', 'logger.info(') : l)).join('\n'));
    const { new: added, resolved } = await relate(head);
    expect(describeStatus(added)).toEqual([]);
    expect(resolved.map((f) => [f.rule, f.line])).toEqual([['P601', line]]);
  });

  it('task_retry_mode added to a continuous job resolves that job-no-retry only', async () => {
    expect(findings.filter((f) => f.path === JOB && f.rule === 'P604')).toHaveLength(1);
    const head = edit(original, JOB, (t) => {
      const job = JSON.parse(t) as { settings: { continuous: Record<string, unknown> } };
      job.settings.continuous.task_retry_mode = 'ON_FAILURE';
      return JSON.stringify(job, null, 2);
    });
    const { new: added, resolved } = await relate(head);
    expect(describeStatus(added)).toEqual([]);
    expect(resolved.map((f) => f.rule)).toEqual(['P604']);
  });
});

describe('one finding per construct', () => {
  it('a stream built in a function called three times is reported once, at the construct', async () => {
    const nb = [
      '# Databricks notebook source',
      'def ingest(src, table):',
      '    return (spark.readStream.format("cloudFiles").option("cloudFiles.format", "json")',
      '            .option("cloudFiles.schemaLocation", f"/Volumes/main/raw/schemas/{table}").load(src)',
      '            .writeStream.option("checkpointLocation", f"/Volumes/main/raw/cp/{table}")',
      '            .trigger(availableNow=True).toTable(f"main.bronze.{table}"))',
      'ingest("/Volumes/main/raw/a", "a"); ingest("/Volumes/main/raw/b", "b"); ingest("/Volumes/main/raw/c", "c")',
      '',
    ].join('\n');
    const found = (await getEngine()).scan([{ path: 'jobs/ingest.py', content: nb }]).findings.filter((f) => f.rule === 'P403');
    expect(found.map((f) => f.line)).toEqual([3]);
  });
});

/**
 * The reviewed pipeline, reconstructed in examples/spymaster: scanning it must reproduce each
 * gap the review names, at the expected file and line (examples/spymaster-expected.md); the
 * remediated copy must report none; comparing the two must resolve every finding.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { marked, type Tokens } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, InputFile } from '../../src/model/types.js';
import { collectScanFiles } from '../../src/local/walk.js';
import { getEngine } from '../helpers/engine.js';

const fixtures = new URL('../../examples/', import.meta.url);
const expectedDoc = readFileSync(new URL('spymaster-expected.md', fixtures), 'utf8');

interface Row {
  cells: string[];
}

/** The tables of the expected-findings document, by the heading above them. */
function tablesByHeading(markdown: string): Map<string, Row[]> {
  const tables = new Map<string, Row[]>();
  let heading = '';
  for (const token of marked.lexer(markdown)) {
    if (token.type === 'heading') heading = (token as Tokens.Heading).text;
    if (token.type !== 'table') continue;
    const table = token as Tokens.Table;
    tables.set(heading, table.rows.map((row) => ({ cells: row.map((c) => c.text.replace(/`/g, '').trim()) })));
  }
  return tables;
}

async function load(name: string): Promise<InputFile[]> {
  // Each fixture is a repository of its own: paths relative to it.
  const dir = fileURLToPath(new URL(name, fixtures));
  return (await collectScanFiles([dir], { cwd: process.cwd(), root: dir })).files;
}

const tables = tablesByHeading(expectedDoc);
const findingsTable = [...tables].find(([h]) => h.startsWith('Original'))?.[1] ?? [];
const trapsTable = [...tables].find(([h]) => h.startsWith('Traps in the original'))?.[1] ?? [];

describe('spymaster fixture', () => {
  let original: InputFile[];
  let remediated: InputFile[];
  let findings: Finding[];
  beforeAll(async () => {
    original = await load('spymaster');
    remediated = await load('spymaster-remediated');
    findings = (await getEngine()).scan(original).findings;
  });

  it('has an expected-findings table covering all eight priorities', () => {
    expect(findingsTable.length).toBeGreaterThan(80);
    const priorities = new Set(findingsTable.map((r) => r.cells[1]));
    expect([...priorities].sort()).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8']);
  });

  it('reproduces every gap the review names, at its file and line', () => {
    const missing: string[] = [];
    for (const { cells } of findingsTable) {
      const [, , rule, severity, path, line] = cells;
      if (line === '' || Number.isNaN(Number(line))) continue;
      const hit = findings.find((f) => f.name === rule && f.path === path && f.line === Number(line) && !f.suppressed);
      if (!hit) missing.push(`${rule} ${path}:${line}`);
      else if (hit.severity !== severity) missing.push(`${rule} ${path}:${line} has severity ${hit.severity}, expected ${severity}`);
    }
    expect(missing).toEqual([]);
  });

  it('reports the repository-level gap: no test suite, anchored to the repository', () => {
    expect(findings.filter((f) => f.name === 'no-test-suite').map((f) => f.path)).toEqual(['.']);
  });

  it('reports nothing beyond the table: every open finding is an expected row (or the repository finding)', () => {
    const open = findings.filter((f) => !f.suppressed);
    expect(open.length).toBe(findingsTable.length + 1);
  });

  it('stays silent on the traps: comments, markdown, strings, batch code', () => {
    const fired: string[] = [];
    for (const { cells } of trapsTable) {
      const [path, line, rules] = cells;
      for (const rule of rules.split(',').map((r) => r.trim())) {
        if (findings.some((f) => f.path === path && f.line === Number(line) && f.name === rule)) fired.push(`${rule} ${path}:${line}`);
      }
    }
    expect(trapsTable.length).toBeGreaterThan(20);
    expect(fired).toEqual([]);
  });

  it('reports nothing on the remediated copy', async () => {
    const open = (await getEngine()).scan(remediated).findings.filter((f) => !f.suppressed);
    expect(open.map((f) => `${f.path}:${f.line} ${f.rule} ${f.name}`)).toEqual([]);
  });

  it('resolves every finding when the remediation is applied as a change', async () => {
    const result = (await getEngine()).diff({ base: original, head: remediated });
    const open = findings.filter((f) => !f.suppressed).length;
    expect(result.findings.filter((f) => f.status === 'resolved')).toHaveLength(open);
    expect(result.findings.filter((f) => f.status === 'existing')).toEqual([]);
    // Moving streaming state to RocksDB changes the provider of running queries: the one thing the change must acknowledge.
    const added = result.findings.filter((f) => f.status === 'new' && !f.suppressed);
    expect([...new Set(added.map((f) => f.name))]).toEqual(['provider-change']);
    expect(result.summary['1'].resolved).toBeGreaterThan(0);
  });
});

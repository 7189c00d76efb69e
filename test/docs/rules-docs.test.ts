import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../checks/index.js';
import { priorityInfo } from '../../src/report/priorities.js';
import { renderRulesTable, withRulesTable } from '../../src/report/rules-table.js';

const root = new URL('../../', import.meta.url);
const HEADINGS = ['## What it does', '## Why it matters', '## Example', '## Use instead', '## When not to use it'];

describe('rule registry and docs', () => {
  it('has unique ids banded by priority and kebab-case names', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { meta } of allRules) {
      expect(meta.id).toMatch(new RegExp(`^P${meta.priority}\\d\\d$`));
      expect(meta.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(meta.fix.length).toBeGreaterThan(10);
    }
  });
  it('covers every rule of the catalog (checks/catalog.txt, the rule names of the spec)', () => {
    const names = readFileSync(new URL('checks/catalog.txt', root), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    expect(names.length).toBeGreaterThan(35);
    const registered = new Set(allRules.map((r) => r.meta.name));
    expect(names.filter((n) => !registered.has(n))).toEqual([]);
  });
  it('has a doc with the fixed headings beside every rule', () => {
    for (const { meta } of allRules) {
      const path = new URL(`checks/${priorityInfo(meta.priority).folder}/${meta.name}.md`, root);
      expect(existsSync(path), `${meta.name}.md`).toBe(true);
      const doc = readFileSync(path, 'utf8');
      for (const heading of HEADINGS) expect(doc, `${meta.name}: ${heading}`).toContain(heading);
    }
  });
  it('gives every rule doc one heading format: `# <id> <name>`, then the five sections in order, each followed by a blank line', () => {
    const docs = readdirSync(new URL('checks/', root), { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.md'));
    expect(docs.length).toBe(allRules.length);
    for (const { meta } of allRules) {
      const doc = readFileSync(new URL(`checks/${priorityInfo(meta.priority).folder}/${meta.name}.md`, root), 'utf8');
      expect(headingsOf(doc), meta.name).toEqual([`# ${meta.id} ${meta.name}`, ...HEADINGS]);
      const lines = doc.split('\n');
      lines.forEach((line, i) => {
        if (/^#{1,2} /.test(line) && headingsOf(doc).includes(line)) expect(lines[i + 1], `${meta.name}: blank line after "${line}"`).toBe('');
      });
    }
  });
  it('marks the rules that only run on a diff and lists the analysis notices, counted right above the table', () => {
    const table = renderRulesTable();
    const rows = table.split('\n').filter((line) => /^\| P\d{3} /.test(line));
    const diffRules = allRules.filter((r) => r.kind === 'diff').map((r) => r.meta.id);
    expect(diffRules).toEqual(['P504']);
    expect(rows.filter((row) => row.includes('*(diff only)*')).map((row) => row.slice(2, 6))).toEqual(diffRules);
    expect(rows.map((row) => row.slice(2, 6)).slice(-2)).toEqual(['P000', 'P001']);
    expect(rows.length).toBe(allRules.length + 2);
    const counts = [1, 2, 3, 4, 5, 6, 7, 8].map((p) => `P${p}: ${rows.filter((row) => row.split(' | ')[2] === String(p)).length}`).join(', ');
    expect(table).toContain(
      `${allRules.length} rules (${counts}); 1 of them (P504) judges a change, so it runs only on a diff (pull requests and \`remediation diff\`), marked *(diff only)*. ` +
        "Plus 2 analysis notices (P000, P001), reported by the engine itself whatever the file's role and the enabled priorities.",
    );
    expect(rows.at(-2)).toBe('| P000 | cannot-analyse | – | notice | A file that does not parse, or is too large to analyse: its findings may be missing |');
  });
  it('keeps the README rule table in sync with the registry (npm run docs)', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(withRulesTable(readme)).toBe(readme);
  });
});

/** Level-1 and level-2 headings outside code fences. */
function headingsOf(doc: string): string[] {
  let fenced = false;
  return doc.split('\n').filter((line) => {
    if (line.startsWith('```')) fenced = !fenced;
    return !fenced && /^#{1,2} /.test(line);
  });
}

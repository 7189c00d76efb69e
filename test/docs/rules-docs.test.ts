import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../checks/index.js';
import { priorityInfo } from '../../src/report/priorities.js';
import { withRulesTable } from '../../src/report/rules-table.js';

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
  it('keeps the README rule table in sync with the registry (npm run docs)', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(withRulesTable(readme)).toBe(readme);
  });
});

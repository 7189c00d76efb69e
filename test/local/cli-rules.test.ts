import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../../checks/index.js';
import { docsBaseUrl, repositoryDocsBase, ruleDocUrl } from '../../src/local/docs-url.js';
import { RULE_CATALOG } from '../../src/local/rule-catalog.js';
import { makeFinding } from '../report/helpers.js';
import { fixedEngine } from './fixed-engine.js';
import { makeTempDir, removeDir, runCli, writeTree } from './helpers.js';

let root: string;

beforeAll(() => {
  root = makeTempDir();
  writeTree(root, { 'a.py': 'x = 1\n' });
});

afterAll(() => removeDir(root));

const doc = (folder: string, name: string) => readFileSync(new URL(`../../checks/${folder}/${name}.md`, import.meta.url), 'utf8');

describe('remediation rules', () => {
  it('lists every rule with id, name, priority, severity and where it runs', async () => {
    const run = await runCli(['rules'], root);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(allRules.length + 3);
    expect(lines[0]).toBe('id    name                        priority  severity  runs in');
    expect(lines[1]).toBe('P000  cannot-analyse              -         notice    scan, diff');
    expect(lines).toContain('P101  missing-watermark           1         failure   scan, diff');
    expect(lines).toContain('P504  provider-change             5         warning   diff');
    expect(lines.slice(1).map((line) => line.split(' ')[0])).toEqual(RULE_CATALOG.map((entry) => entry.meta.id));
  });

  it('gives the same as JSON, to stdout or a file', async () => {
    const run = await runCli(['rules', '--format', 'json'], root);
    const rows = JSON.parse(run.stdout);
    expect(rows).toHaveLength(allRules.length + 2);
    expect(rows[2]).toEqual({
      id: 'P101',
      name: 'missing-watermark',
      priority: 1,
      severity: 'failure',
      runsIn: ['scan', 'diff'],
      title: 'Stateful streaming operation without a watermark: its state grows without bound',
    });
    expect(rows.find((row: { id: string }) => row.id === 'P504').runsIn).toEqual(['diff']);
    expect(await runCli(['rules', '--output-format', 'json', '-o', 'rules.json'], root)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(root, 'rules.json'), 'utf8')).toBe(run.stdout);
  });

  it.each([
    [['rules', '--select', 'P1'], '--select is not an option of rules'],
    [['rules', '--format', 'sarif'], "invalid --format 'sarif' (expected text, json)"],
    [['rules', 'P101'], "rules takes no arguments (got 'P101'); see 'remediation explain P101'"],
  ])('%j is a usage error', async (argv, message) => {
    expect(await runCli(argv, root)).toEqual({ code: 2, stdout: '', stderr: `remediation: ${message} (see 'remediation --help')\n` });
  });
});

describe('remediation explain', () => {
  it('prints the rule doc, found by id or name, with no link when no docs URL is known', async () => {
    const expected = `${doc('p1-watermarking', 'missing-watermark').trim()}\n`;
    expect(await runCli(['explain', 'P101'], root)).toEqual({ code: 0, stdout: expected, stderr: '' });
    expect((await runCli(['explain', 'missing-watermark'], root)).stdout).toBe(expected);
    expect((await runCli(['explain', 'p101'], root)).stdout).toBe(expected);
  });

  it('adds the doc link under REMEDIATION_DOCS_URL', async () => {
    const run = await runCli(['explain', 'kafka-unbounded'], root, { env: { REMEDIATION_DOCS_URL: 'https://example.test/tree/v1/' } });
    expect(run.stdout).toBe(`${doc('p4-rate-limiting', 'kafka-unbounded').trim()}\n\nDocs: https://example.test/tree/v1/checks/p4-rate-limiting/kafka-unbounded.md\n`);
  });

  it("stands in for the engine's own findings, which have no doc file", async () => {
    const run = await runCli(['explain', 'P001'], root, { env: { REMEDIATION_DOCS_URL: 'https://example.test' } });
    expect(run.stdout).toBe(
      '# P001 unknown-suppression\n\nSuppression comment names no rule or priority, so it silences nothing.\n\n## Use instead\n' +
        'Name a rule id (`P401`), a rule name (`kafka-unbounded`) or a priority (`P4`): `remediation rules` lists them.\n',
    );
  });

  it.each([
    [['explain', 'P109'], "unknown rule 'P109' (did you mean 'P101', 'P102' or 'P103'?)"],
    [['explain', 'missing-watermrk'], "unknown rule 'missing-watermrk' (did you mean 'missing-watermark'?)"],
    [['explain', 'watermark'], "unknown rule 'watermark' (did you mean 'missing-watermark'?)"],
    [['explain'], 'explain needs a rule id or name (P101, missing-watermark)'],
    [['explain', 'P101', 'P102'], 'explain takes one rule id or name'],
    [['explain', 'P101', '--format', 'json'], '--format is not an option of explain'],
  ])('%j exits 2 with close matches', async (argv, message) => {
    expect(await runCli(argv, root)).toEqual({ code: 2, stdout: '', stderr: `remediation: ${message} (see 'remediation --help')\n` });
  });
});

describe('rule doc links', () => {
  it('derive from the repository field of package.json in its npm forms', () => {
    expect(repositoryDocsBase('acme/remediation')).toBe('https://github.com/acme/remediation/blob/main');
    expect(repositoryDocsBase('github:acme/remediation')).toBe('https://github.com/acme/remediation/blob/main');
    expect(repositoryDocsBase({ type: 'git', url: 'git+https://github.com/acme/remediation.git' })).toBe('https://github.com/acme/remediation/blob/main');
    expect(repositoryDocsBase({ url: 'git@github.com:acme/remediation.git', directory: 'packages/cli/' })).toBe('https://github.com/acme/remediation/blob/main/packages/cli');
    expect(repositoryDocsBase('https://git.example.test/acme/remediation')).toBe('https://git.example.test/acme/remediation/blob/main');
    expect(repositoryDocsBase('gist:11081aaa281')).toBeUndefined();
    expect(repositoryDocsBase(undefined)).toBeUndefined();
    expect(repositoryDocsBase({ url: 42 })).toBeUndefined();
  });

  it('name the rule file; the engine findings (P0xx) and an unknown base have none', () => {
    const [p000, , p101] = RULE_CATALOG.map((entry) => entry.meta);
    expect(ruleDocUrl('https://x.test/blob/main', p101)).toBe('https://x.test/blob/main/checks/p1-watermarking/missing-watermark.md');
    expect(ruleDocUrl('https://x.test/blob/main', p000)).toBeUndefined();
    expect(ruleDocUrl(undefined, p101)).toBeUndefined();
  });

  it('come from REMEDIATION_DOCS_URL, else package.json (which names no repository: no link)', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(await docsBaseUrl({ REMEDIATION_DOCS_URL: 'https://docs.test/x//' })).toBe('https://docs.test/x');
    expect(await docsBaseUrl({})).toBe(repositoryDocsBase(pkg.repository));
  });

  it('are the SARIF rules helpUri, else the priority doc', async () => {
    const engine = fixedEngine([makeFinding()]).createEngine;
    const helpUri = async (env: Record<string, string>) => {
      const run = await runCli(['scan', '--format', 'sarif'], root, { createEngine: engine, env });
      const rules = JSON.parse(run.stdout).runs[0].tool.driver.rules as { id: string; helpUri?: string }[];
      return rules.find((rule) => rule.id === 'P101')?.helpUri;
    };
    expect(await helpUri({ REMEDIATION_DOCS_URL: 'https://docs.test/r' })).toBe('https://docs.test/r/checks/p1-watermarking/missing-watermark.md');
    expect(await helpUri({})).toBe('https://docs.databricks.com/aws/en/structured-streaming/watermarks');
  });
});

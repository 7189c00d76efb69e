import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/types.js';
import { makeFinding } from '../report/helpers.js';
import { fixedEngine } from './fixed-engine.js';
import { makeTempDir, removeDir, runCli, writeTree } from './helpers.js';

let root: string;

beforeAll(() => {
  root = makeTempDir();
  writeTree(root, { 'a.py': 'x = 1\n' });
});

afterAll(() => removeDir(root));

const FINDINGS: Finding[] = [
  makeFinding({ rule: 'P000', name: 'cannot-analyse', priority: 0, severity: 'notice', path: 'broken.py' }),
  makeFinding({ rule: 'P001', name: 'unknown-suppression', priority: 0, severity: 'notice', path: 'a.py' }),
  makeFinding({ rule: 'P101', name: 'missing-watermark', priority: 1, severity: 'failure' }),
  makeFinding({ rule: 'P102', name: 'dropduplicates-streaming', priority: 1, severity: 'warning' }),
  makeFinding({ rule: 'P401', name: 'kafka-unbounded', priority: 4, severity: 'warning' }),
  makeFinding({ rule: 'P601', name: 'print-logging', priority: 6, severity: 'warning' }),
];

async function reported(...options: string[]): Promise<string[]> {
  const run = await runCli(['scan', '--format', 'json', ...options], root, { createEngine: fixedEngine(FINDINGS).createEngine });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout).findings.map((finding: { rule: string }) => finding.rule);
}

describe('--select / --ignore', () => {
  it.each([
    [[], ['P000', 'P001', 'P101', 'P102', 'P401', 'P601']],
    [['--select', 'P1'], ['P000', 'P101', 'P102']],
    [['--select', 'P10'], ['P000', 'P101', 'P102']],
    [['--select', 'P101'], ['P000', 'P101']],
    [['--select', 'missing-watermark'], ['P000', 'P101']],
    [['--select', 'p101'], ['P000', 'P101']],
    [['--select', 'P101,kafka-unbounded'], ['P000', 'P101', 'P401']],
    [['--select', 'P1', '--select', 'P4'], ['P000', 'P101', 'P102', 'P401']],
    [['--select', 'P0'], ['P000', 'P001']],
    [['--select', 'ALL', '--ignore', 'P1'], ['P000', 'P001', 'P401', 'P601']],
    [['--ignore', 'missing-watermark, P6'], ['P000', 'P001', 'P102', 'P401']],
    [['--select', 'P101', '--ignore', 'P101'], ['P000']],
    [['--select', 'P101', '--ignore', 'P1'], ['P000']],
    [['--ignore', 'P000'], ['P001', 'P101', 'P102', 'P401', 'P601']],
    [['--ignore', 'all'], []],
  ])('%j reports %j', async (options, rules) => {
    expect(await reported(...options)).toEqual(rules);
  });

  it('decides the exit status on the selected findings only', async () => {
    const findings = FINDINGS.filter((finding) => finding.rule !== 'P000');
    const run = (options: string[]) => runCli(['scan', ...options], root, { createEngine: fixedEngine(findings).createEngine });
    expect((await run([])).code).toBe(1);
    expect((await run(['--select', 'P4'])).code).toBe(0);
    expect((await run(['--ignore', 'P101'])).code).toBe(0);
    expect((await run(['--ignore', 'P101', '--fail-on', 'warning'])).code).toBe(1);
  });

  it.each([
    [['--select', 'P109'], "unknown rule selector 'P109' in --select (did you mean 'P101', 'P102' or 'P103'?)"],
    [['--ignore', 'missing-watermrk'], "unknown rule selector 'missing-watermrk' in --ignore (did you mean 'missing-watermark'?)"],
    [['--select', 'P1,kafka'], "unknown rule selector 'kafka' in --select (did you mean 'kafka-unbounded'?)"],
    [['--select', 'nothing-like-it'], "unknown rule selector 'nothing-like-it' in --select"],
    [['--select', ''], '--select needs a rule id, name, prefix (P1) or ALL'],
  ])('%j is a usage error with a close match', async (options, message) => {
    const run = await runCli(['scan', ...options], root, { createEngine: fixedEngine(FINDINGS).createEngine });
    expect(run).toEqual({ code: 2, stdout: '', stderr: `remediation: ${message} (see 'remediation --help')\n` });
  });
});

import { describe, expect, it } from 'vitest';
import { calendarDay, needsWriteAccess, parseCommand } from '../../src/github/commands/parse.js';

describe('parseCommand', () => {
  it.each([
    ['/remediation', { kind: 'help' }],
    ['/remediation help', { kind: 'help' }],
    ['/REMEDIATION Status', { kind: 'status' }],
    ['  /remediation recheck  \nmore text', { kind: 'recheck' }],
    ['/remediation ignore P4 -- legacy job', { kind: 'ignore', selector: 'P4', reason: 'legacy job' }],
    ['/remediation ignore p401 jobs/** -- see #12', { kind: 'ignore', selector: 'P401', path: 'jobs/**', reason: 'see #12' }],
    ['/remediation ignore kafka-unbounded src/ingest.py -- capped upstream', { kind: 'ignore', selector: 'kafka-unbounded', path: 'src/ingest.py', reason: 'capped upstream' }],
    ['/remediation dance', { kind: 'unknown', subcommand: 'dance' }],
  ])('%s', (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each([
    ['/remediation ignore P4', 'a reason is required'],
    ['/remediation ignore P9 -- x', 'is not a priority'],
    ['/remediation ignore P4 a b -- x', 'at most one path'],
  ])('rejects %s', (body, problem) => {
    const command = parseCommand(body);
    expect(command?.kind).toBe('invalid');
    expect(command && 'problem' in command ? command.problem : '').toContain(problem);
  });

  it.each([
    ['/remediation ignore P7 tests/** test-code until: 2025-12-31 -- fixtures only', { kind: 'ignore', selector: 'P7', path: 'tests/**', reason: 'fixtures only', category: 'test-code', until: '2025-12-31' }],
    ['/remediation ignore P401 until:2026-02-28 False-Positive', { kind: 'ignore', selector: 'P401', reason: '', category: 'false-positive', until: '2026-02-28' }],
    ['/remediation ignore P4 wont-fix the job is retired next quarter', { kind: 'ignore', selector: 'P4', reason: 'the job is retired next quarter', category: 'wont-fix' }],
    ['/remediation ignore P4 jobs/legacy.py accepted-risk capped upstream', { kind: 'ignore', selector: 'P4', path: 'jobs/legacy.py', reason: 'capped upstream', category: 'accepted-risk' }],
    // Without `--` a word that is no path starts the reason, and options after it are words of it.
    ['/remediation ignore P4 legacy wont-fix', { kind: 'ignore', selector: 'P4', reason: 'legacy wont-fix' }],
    ['/remediation ignore P4 notebooks -- legacy', { kind: 'ignore', selector: 'P4', path: 'notebooks', reason: 'legacy' }],
    // After `--` the reason is verbatim.
    ['/remediation ignore P4 -- until: next year, wont-fix', { kind: 'ignore', selector: 'P4', reason: 'until: next year, wont-fix' }],
    ['/remediation ignore P4 src/a--b.py --legacy', { kind: 'ignore', selector: 'P4', path: 'src/a--b.py', reason: 'legacy' }],
    ['/remediation ignore P2 until: 2028-02-29 -- leap day', { kind: 'ignore', selector: 'P2', reason: 'leap day', until: '2028-02-29' }],
    ['/remediation unignore p4', { kind: 'unignore', selector: 'P4' }],
    ['/remediation UNIGNORE kafka-unbounded src/ingest.py', { kind: 'unignore', selector: 'kafka-unbounded', path: 'src/ingest.py' }],
  ])('ignore lifecycle: %s', (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each([
    ['/remediation ignore P4 until: 2025-02-30 -- x', '`2025-02-30` is not a date'],
    ['/remediation ignore P4 until: 2025-13-01 -- x', '`2025-13-01` is not a date'],
    ['/remediation ignore P4 until: 2027-02-29 -- x', '`2027-02-29` is not a date'],
    ['/remediation ignore P4 until: 0025-01-01 -- x', '`0025-01-01` is not a date'],
    ['/remediation ignore P4 until: 2025-1-1 -- x', '`2025-1-1` is not a date'],
    ['/remediation ignore P4 until: tomorrow -- x', '`tomorrow` is not a date'],
    ['/remediation ignore P4 until:', '`(nothing)` is not a date'],
    ['/remediation ignore P4 until: 2025-12-31 until: 2026-01-31 -- x', 'give `until:` once'],
    ['/remediation ignore P4 wont-fix test-code -- x', 'give one category at most'],
    ['/remediation ignore P4 legacy until: 2025-12-31', 'put `until:` before the reason'],
    ['/remediation ignore P4 until: 2025-12-31', 'a reason is required (after `--`, or a category: `false-positive`, `wont-fix`, `accepted-risk`, `test-code`)'],
    ['/remediation ignore P4 jobs/\u202Elegacy/** -- x', 'control or invisible characters'],
    ['/remediation unignore P4 a b', 'at most one path'],
    ['/remediation unignore', '`(nothing)` is not a priority'],
    ['/remediation unignore `P4`', 'is not a priority'],
  ])('rejects %s', (body, problem) => {
    const command = parseCommand(body);
    expect(command?.kind).toBe('invalid');
    expect(command && 'problem' in command ? command.problem : '').toContain(problem);
  });

  it('reads real calendar days only', () => {
    expect(calendarDay('2024-02-29')).toBe('2024-02-29');
    expect(calendarDay('2100-02-29')).toBeUndefined();
    expect(calendarDay('2025-04-31')).toBeUndefined();
    expect(calendarDay('2025-00-10')).toBeUndefined();
    expect(calendarDay('2025-06-01T00:00:00Z')).toBeUndefined();
    expect(calendarDay(' 2025-06-01')).toBeUndefined();
    expect(calendarDay('２０２５-06-01')).toBeUndefined();
  });

  it('stays bounded and echoes nothing raw on hostile input', () => {
    const started = performance.now();
    for (const body of [
      `/remediation ignore P4 ${'until: '.repeat(130)}`,
      `/remediation ignore P4 ${'-- '.repeat(300)}`,
      `/remediation ignore P4 ${'a/'.repeat(101)} -- x`,
      `/remediation ignore P4 ${'wont-fix '.repeat(100)}`,
      `/remediation unignore P4 ${'x '.repeat(400)}`,
    ]) {
      const command = parseCommand(body);
      expect(command?.kind, body.slice(0, 60)).toBe('invalid');
    }
    expect(performance.now() - started).toBeLessThan(200);
    const echoed = parseCommand('/remediation ignore P4 until: @admin``` -- x');
    expect(echoed && 'problem' in echoed ? echoed.problem : '').toBe('```` @admin``` ```` is not a date: `until:` takes a calendar date as YYYY-MM-DD, such as `until: 2025-12-31`.');
  });

  it('reads the first line only and needs the prefix at its start', () => {
    expect(parseCommand('thanks!\n/remediation recheck')).toBeUndefined();
    expect(parseCommand('please /remediation recheck')).toBeUndefined();
    expect(parseCommand('/remediations')).toBeUndefined();
    expect(parseCommand(null)).toBeUndefined();
  });

  it('knows which commands act', () => {
    expect(needsWriteAccess({ kind: 'recheck' })).toBe(true);
    expect(needsWriteAccess({ kind: 'ignore', selector: 'P4', reason: 'x' })).toBe(true);
    expect(needsWriteAccess({ kind: 'unignore', selector: 'P4' })).toBe(true);
    expect(needsWriteAccess({ kind: 'status' })).toBe(false);
    expect(needsWriteAccess({ kind: 'help' })).toBe(false);
  });
});

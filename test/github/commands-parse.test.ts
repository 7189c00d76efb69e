import { describe, expect, it } from 'vitest';
import { needsWriteAccess, parseCommand } from '../../src/github/commands/parse.js';

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

  it('reads the first line only and needs the prefix at its start', () => {
    expect(parseCommand('thanks!\n/remediation recheck')).toBeUndefined();
    expect(parseCommand('please /remediation recheck')).toBeUndefined();
    expect(parseCommand('/remediations')).toBeUndefined();
    expect(parseCommand(null)).toBeUndefined();
  });

  it('knows which commands act', () => {
    expect(needsWriteAccess({ kind: 'recheck' })).toBe(true);
    expect(needsWriteAccess({ kind: 'ignore', selector: 'P4', reason: 'x' })).toBe(true);
    expect(needsWriteAccess({ kind: 'status' })).toBe(false);
    expect(needsWriteAccess({ kind: 'help' })).toBe(false);
  });
});

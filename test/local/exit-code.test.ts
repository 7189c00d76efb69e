import { describe, expect, it } from 'vitest';
import { exitCode } from '../../src/local/cli.js';
import type { Finding } from '../../src/model/types.js';

function finding(overrides: Partial<Finding>): Finding {
  return {
    priority: 4,
    rule: 'P401',
    name: 'kafka-unbounded',
    path: 'a.py',
    line: 1,
    endLine: 1,
    column: 1,
    severity: 'warning',
    message: 'm',
    fix: 'f',
    fingerprint: 'fp',
    identity: 'fp',
    suppressed: false,
    ...overrides,
  };
}

const problem = (overrides: Partial<Finding> = {}) => finding({ priority: 0, rule: 'P000', name: 'cannot-analyse', severity: 'notice', ...overrides });

describe('exitCode', () => {
  it('scan: an open finding at or above the level, or an analysis problem at any level', () => {
    expect(exitCode([finding({})], 'failure')).toBe(0);
    expect(exitCode([finding({})], 'warning')).toBe(1);
    expect(exitCode([finding({ severity: 'failure' })], 'problem')).toBe(0);
    expect(exitCode([problem()], 'failure')).toBe(1);
    expect(exitCode([problem()], 'problem')).toBe(1);
    expect(exitCode([problem({ suppressed: true })], 'notice')).toBe(0);
    // P001 (a suppression naming nothing) is advice, not a file the engine could not read.
    expect(exitCode([problem({ rule: 'P001', name: 'unknown-suppression' })], 'failure')).toBe(0);
  });

  it('diff: only what the change adds fails the run', () => {
    const failure = finding({ severity: 'failure' });
    expect(exitCode([{ ...failure, status: 'existing' }, problem({ status: 'existing' })], 'notice', 'diff')).toBe(0);
    expect(exitCode([{ ...failure, status: 'resolved' }], 'notice', 'diff')).toBe(0);
    expect(exitCode([{ ...failure, status: 'new' }], 'failure', 'diff')).toBe(1);
    expect(exitCode([{ ...failure, status: 'new', suppressed: true }], 'failure', 'diff')).toBe(0);
    expect(exitCode([problem({ status: 'new' })], 'failure', 'diff')).toBe(1);
    expect(exitCode([], 'notice', 'diff')).toBe(0);
  });
});

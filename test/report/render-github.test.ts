import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubCommand, renderGithub } from '../../src/report/render-github.js';
import { makeFinding } from './helpers.js';

describe('renderGithub', () => {
  it('writes one workflow command per open finding, in report order, severity mapped', () => {
    const findings = [
      makeFinding({ rule: 'P401', name: 'kafka-unbounded', priority: 4, severity: 'warning', path: 'b.py', line: 3, endLine: 3, column: 1, message: 'no rate limit', fix: '' }),
      makeFinding({ path: 'a.py', line: 12, endLine: 14, column: 5, message: 'no watermark', fix: 'add one' }),
      makeFinding({ rule: 'P602', name: 'no-query-listener', priority: 6, severity: 'notice', path: 'c.py', line: 0, endLine: 0, column: 0, message: 'no listener', fix: '' }),
      makeFinding({ path: 'quiet.py', suppressed: true }),
      makeFinding({ path: 'gone.py', status: 'resolved' }),
    ];
    expect(renderGithub(findings)).toBe(
      [
        '::error file=a.py,line=12,endLine=14,col=5,title=P101 missing-watermark::no watermark%0AFix: add one',
        '::warning file=b.py,line=3,endLine=3,col=1,title=P401 kafka-unbounded::no rate limit',
        '::notice file=c.py,line=1,endLine=1,col=1,title=P602 no-query-listener::no listener',
        '',
      ].join('\n'),
    );
  });

  it('leaves a repository-wide finding unanchored', () => {
    const finding = makeFinding({ rule: 'P703', name: 'no-test-suite', priority: 7, severity: 'warning', path: '.', message: 'no tests', fix: '' });
    expect(renderGithub([finding])).toBe('::warning title=P703 no-test-suite::no tests\n');
  });

  it('escapes data and properties as @actions/core does', () => {
    const finding = makeFinding({ path: 'odd,dir/a:b%.py', message: 'line one\r\nline two: 100%, done', fix: '' });
    expect(renderGithub([finding])).toBe('::error file=odd%2Cdir/a%3Ab%25.py,line=12,endLine=14,col=5,title=P101 missing-watermark::line one%0D%0Aline two: 100%25, done\n');
    expect(escapeData('%0A')).toBe('%250A');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('maps every severity', () => {
    expect([githubCommand('failure'), githubCommand('warning'), githubCommand('notice')]).toEqual(['error', 'warning', 'notice']);
    expect(renderGithub([])).toBe('');
  });
});

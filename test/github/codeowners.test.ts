import { describe, expect, it } from 'vitest';
import { CODEOWNERS_MAX_BYTES, codeownersMatcher, parseCodeowners, pickCodeowners } from '../../src/github/codeowners.js';

// The example file of GitHub's "About code owners" page, with its own comments on what each line matches.
const GITHUB_EXAMPLE = [
  '# These owners will be the default owners for everything in the repo.',
  '*       @global-owner1 @global-owner2',
  '*.js    @js-owner #This is an inline comment.',
  '*.go docs@example.com',
  '*.txt @octo-org/octocats',
  '/build/logs/ @doctocat',
  'docs/*  docs@example.com',
  'apps/ @octocat',
  '/docs/ @doctocat',
  '/scripts/ @doctocat @octocat',
  '**/logs @octocat',
  '/apps/ @octocat',
  '/apps/github',
  '/apps/ @octocat',
  '/apps/github @doctocat',
].join('\n');

describe('CODEOWNERS', () => {
  const ownersOf = codeownersMatcher(parseCodeowners(GITHUB_EXAMPLE));

  it('gives each path the owners of the last matching pattern, as GitHub documents them', () => {
    expect(ownersOf('README.md')).toEqual(['@global-owner1', '@global-owner2']);
    expect(ownersOf('src/app.js')).toEqual(['@js-owner']);
    expect(ownersOf('cmd/main.go')).toEqual(['docs@example.com']);
    expect(ownersOf('notes/a.txt')).toEqual(['@octo-org/octocats']);
    // `/build/logs/` matches, but `**/logs` comes later.
    expect(ownersOf('build/logs/x/y.log')).toEqual(['@octocat']);
    expect(codeownersMatcher(parseCodeowners('/build/logs/ @doctocat'))('build/logs/x/y.log')).toEqual(['@doctocat']);
    expect(codeownersMatcher(parseCodeowners('/build/logs/ @doctocat'))('src/build/logs/y.log')).toBeUndefined();
    // `docs/*` matches the files directly in docs/, not deeper ones (git would match those through their folder).
    const docsStar = codeownersMatcher(parseCodeowners('* @all\ndocs/*  docs@example.com'));
    expect(docsStar('docs/getting-started.md')).toEqual(['docs@example.com']);
    expect(docsStar('docs/build-app/troubleshooting.md')).toEqual(['@all']);
    expect(docsStar('src/docs/getting-started.md')).toEqual(['@all']);
    // In the whole example, `/docs/` comes later and owns all of docs/.
    expect(ownersOf('docs/build-app/troubleshooting.md')).toEqual(['@doctocat']);
    expect(ownersOf('deeply/nested/apps/x.py')).toEqual(['@octocat']);
    expect(ownersOf('scripts/run.sh')).toEqual(['@doctocat', '@octocat']);
    expect(ownersOf('deeply/nested/logs/a.py')).toEqual(['@octocat']);
    expect(ownersOf('apps/github/x.py')).toEqual(['@doctocat']);
    expect(ownersOf('apps/other/x.py')).toEqual(['@octocat']);
  });

  it('is case-sensitive, skips invalid lines and lets a pattern without owners clear them', () => {
    const rules = parseCodeowners(['* @all', '!*.py @negated', 'src/ @not an owner', 'Src/ @upper', 'gen/', '  # comment', ''].join('\n'));
    expect(rules.map((r) => r.line)).toEqual([1, 4, 5]);
    const of = codeownersMatcher(rules);
    expect(of('src/a.py')).toEqual(['@all']);
    expect(of('Src/a.py')).toEqual(['@upper']);
    expect(of('gen/a.py')).toEqual([]);
    expect(of('.')).toBeUndefined();
  });

  it('treats brackets literally and keeps escaped spaces in a pattern', () => {
    const of = codeownersMatcher(parseCodeowners('[ab].py @brackets\nmy\\ notes/ @spaces\n'));
    expect(of('a.py')).toBeUndefined();
    expect(of('[ab].py')).toEqual(['@brackets']);
    expect(of('my notes/x.py')).toEqual(['@spaces']);
  });

  it('uses the first file GitHub would find: .github/, then the root, then docs/; none over 3 MB', () => {
    const files = new Map([
      ['docs/CODEOWNERS', '* @docs'],
      ['CODEOWNERS', '* @root'],
    ]);
    expect(pickCodeowners(files)).toEqual({ source: 'CODEOWNERS', rules: [{ pattern: '*', owners: ['@root'], line: 1 }] });
    files.set('.github/CODEOWNERS', '* @dotgithub');
    expect(pickCodeowners(files)?.source).toBe('.github/CODEOWNERS');
    expect(pickCodeowners(new Map([['.github/CODEOWNERS', `* @big\n${'#'.repeat(CODEOWNERS_MAX_BYTES)}`]]))).toBeUndefined();
    expect(pickCodeowners(new Map())).toBeUndefined();
  });

  it('matches hostile patterns in linear time', () => {
    const of = codeownersMatcher(parseCodeowners(`${'*a'.repeat(40)}*c @x\n`));
    const started = Date.now();
    expect(of(`${'a'.repeat(5000)}/b`)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

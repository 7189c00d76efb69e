/**
 * `--exclude GLOB` matching. Globs read like .gitignore lines, which is what
 * users type: a glob without `/` matches a name at any depth (`*.ipynb`,
 * `tests`), one with `/` matches from the repository top (`pipelines/legacy/**`),
 * and a trailing `/` stands for everything under the folder.
 */
import picomatch from 'picomatch';

export type PathMatcher = (relativePath: string) => boolean;

export function excludeMatcher(globs: readonly string[]): PathMatcher {
  const matchers = globs.filter((glob) => glob.trim() !== '').map(compileGlob);
  if (matchers.length === 0) return () => false;
  return (relativePath) => matchers.some((match) => match(relativePath));
}

function compileGlob(raw: string): PathMatcher {
  let glob = raw.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (glob.endsWith('/')) glob = `${glob}**`;
  const anchored = glob.replace(/^\//, '');
  const options = { dot: true };
  if (!anchored.includes('/')) {
    const matchName = picomatch(anchored, options);
    // Any segment, so `tests` also excludes `tests/unit/x.py` when asked about the file alone.
    return (path) => path.split('/').some((segment) => matchName(segment));
  }
  // `dir/**` also matches `dir` itself, which lets the walker prune the whole folder.
  return picomatch(anchored, options);
}

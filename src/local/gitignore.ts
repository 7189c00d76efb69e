/**
 * .gitignore handling for `scan`: the files of the folders above the scanned
 * root (up to the repository top) and of every folder walked, each applying
 * to paths below its own folder, deeper files overriding shallower ones as
 * git does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface Layer {
  dir: string;
  rules: Ignore;
}

export class GitignoreStack {
  private constructor(private readonly layers: readonly Layer[]) {}

  /** The layers that apply at `root`: .gitignore files from the repository top down to `root` itself. */
  static forRoot(root: string): GitignoreStack {
    let stack = new GitignoreStack([]);
    for (const dir of ancestorsWithinRepo(root)) stack = stack.enter(dir);
    return stack;
  }

  /**
   * The stack for a folder below: adds the folder's own .gitignore if it has one. Synchronous,
   * as the walk is: one small read per folder costs less than a round trip to the thread pool.
   */
  enter(dir: string): GitignoreStack {
    let text: string;
    try {
      text = readFileSync(join(dir, '.gitignore'), 'utf8');
    } catch {
      return this;
    }
    return new GitignoreStack([...this.layers, { dir, rules: ignore().add(text) }]);
  }

  ignores(absolutePath: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const layer of this.layers) {
      const rel = relative(layer.dir, absolutePath).split(sep).join('/');
      if (rel === '' || rel.startsWith('..')) continue;
      const result = layer.rules.test(isDirectory ? `${rel}/` : rel);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

/**
 * `root` and its parents up to the folder holding `.git`, top first. Outside
 * a repository only `root` itself: a stray .gitignore in a home folder must not
 * hide files.
 */
function ancestorsWithinRepo(root: string): string[] {
  const chain: string[] = [];
  for (let dir = root; ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (existsSync(join(dir, '.git'))) return chain;
    if (dirname(dir) === dir) return [root];
  }
}

/**
 * One recursive tree request lists every path of a commit with its blob SHA and size,
 * so the app can pick the files it needs before fetching any content. GitHub truncates
 * trees above 100,000 entries or 7 MB (`truncated: true`).
 * https://docs.github.com/en/rest/git/trees#get-a-tree
 */
import { posix } from 'node:path';
import type { GitHub, RepoRef } from './types.js';

export interface TreeEntry {
  path: string;
  sha: string;
  size: number;
}

export interface RepoTree {
  entries: TreeEntry[];
  truncated: boolean;
}

export async function fetchTree(octokit: GitHub, repo: RepoRef, commitSha: string): Promise<RepoTree> {
  const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: commitSha, recursive: 'true' });
  const entries = data.tree
    .filter((entry) => entry.type === 'blob' && entry.path && entry.sha)
    .map((entry) => ({ path: entry.path as string, sha: entry.sha as string, size: entry.size ?? 0 }));
  return { entries, truncated: data.truncated };
}

const CODE_EXTENSIONS = ['', '.py', '.ipynb', '.sql', '.scala', '.r'];

/** Looks up tree paths by an extensionless or workspace-style reference. */
export class TreeIndex {
  private readonly byPath = new Map<string, TreeEntry>();

  constructor(readonly entries: TreeEntry[]) {
    for (const entry of entries) this.byPath.set(entry.path, entry);
  }

  get(path: string): TreeEntry | undefined {
    return this.byPath.get(path);
  }

  /** A repository-relative reference, tried with each notebook extension. */
  resolveRelative(path: string): TreeEntry | undefined {
    const normal = posix.normalize(path).replace(/^\/+/, '');
    for (const ext of CODE_EXTENSIONS) {
      const hit = this.byPath.get(normal + ext);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * A workspace path (`/Workspace/Repos/team/repo/notebooks/bronze`,
   * `${workspace.file_path}/src/x.py`) cannot be mapped exactly: match the longest
   * suffix of at least two segments (or one when that is all there is).
   */
  resolveWorkspace(reference: string): TreeEntry | undefined {
    const segments = reference
      .replace(/\$\{[^}]*\}/g, '')
      .split('/')
      .filter((s) => s && s !== '.' && s !== '..');
    const minimum = Math.min(2, segments.length);
    for (let take = segments.length; take >= minimum && take > 0; take--) {
      const suffix = segments.slice(segments.length - take).join('/').replace(/\.(py|ipynb|sql|scala|r)$/i, '');
      const hit = this.entries.find((entry) => stripCodeExtension(entry.path) === suffix || stripCodeExtension(entry.path).endsWith(`/${suffix}`));
      if (hit) return hit;
    }
    return undefined;
  }
}

export function stripCodeExtension(path: string): string {
  return path.replace(/\.(py|ipynb|sql|scala|r)$/i, '');
}

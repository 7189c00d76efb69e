/** Markdown helpers shared by the check run, the tracking issue and command replies. Pure. */
import type { Finding } from '../../model/types.js';

/** `https://github.com/owner/repo` (or the GitHub Enterprise host's equivalent). */
export function repoWebUrl(owner: string, repo: string, host = 'https://github.com'): string {
  return `${host}/${owner}/${repo}`;
}

/** A permalink: pinned to a commit so it keeps pointing at the same line. */
export function permalink(repoUrl: string, sha: string, path: string, line?: number, endLine?: number): string {
  // Repository-wide findings sit at `.`: the repository's tree at that commit.
  if (path === '.') return `${repoUrl}/tree/${sha}`;
  const anchor = line ? (endLine && endLine > line ? `#L${line}-L${endLine}` : `#L${line}`) : '';
  return `${repoUrl}/blob/${sha}/${path.split('/').map(encodeSegment).join('/')}${anchor}`;
}

/**
 * A path segment safe inside a Markdown link target: `encodeURIComponent` leaves `(`, `)`
 * (which end a GFM link target when unbalanced) and a few others alone.
 * https://github.github.com/gfm/#links
 */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[()'*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function ruleLabel(finding: Pick<Finding, 'rule' | 'name'>): string {
  return `${finding.rule} ${finding.name}`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** A text progress bar: GitHub renders no images without an external host. */
export function progressBar(done: number, total: number, width = 10): string {
  if (total === 0) return `\`${'─'.repeat(width)}\` none found`;
  const ratio = done / total;
  const filled = Math.round(ratio * width);
  return `\`${'█'.repeat(filled)}${'░'.repeat(width - filled)}\` ${Math.round(ratio * 100)}%`;
}

/**
 * Files renamed between two commits of a branch, from the compare API (`previous_filename`
 * of `renamed` files, GitHub's own rename detection): the default-branch scan carries the
 * findings of a renamed file over instead of counting them resolved. One request for up to
 * 300 changed files, more pages for larger pushes (bounded). A failure is not fatal: the
 * scan goes on without renames and says so in the log.
 * https://docs.github.com/en/rest/commits/commits#compare-two-commits
 */
import type { RunContext } from './types.js';

const PER_PAGE = 100;
const MAX_PAGES = 30;

export async function renamesBetween(ctx: RunContext, base: string, head: string): Promise<Map<string, string>> {
  const renames = new Map<string, string>();
  if (base === head) return renames;
  try {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { data } = await ctx.octokit.rest.repos.compareCommitsWithBasehead({ ...ctx.repo, basehead: `${base}...${head}`, per_page: PER_PAGE, page });
      const files = data.files ?? [];
      for (const file of files) if (file.status === 'renamed' && file.previous_filename) renames.set(file.filename, file.previous_filename);
      if (files.length < PER_PAGE) break;
    }
  } catch (error) {
    ctx.log.warn({ err: error, base, head }, 'could not list renames since the last scan; renamed files count as new');
  }
  return renames;
}

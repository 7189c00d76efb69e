/**
 * Publishes fixes as one pull-request review of suggestion blocks (`suggestions: true`):
 * one comment per new finding on changed lines that has a fix, in a single
 * `POST .../pulls/{n}/reviews`, so a re-run never repeats one (the app's own earlier comments
 * are read back and their markers skipped) and a finding fixed since keeps its old comment,
 * which GitHub marks outdated once its lines change. Only comments written by the app's own
 * login count: anyone can paste a marker into a comment. Costs at most one list request per
 * 100 review comments (5 at most) and one review; nothing when no finding has a fix.
 * https://docs.github.com/en/rest/pulls/reviews#create-a-review-for-a-pull-request
 */
import type { Finding } from '../model/types.js';
import { decodeContent } from '../model/text.js';
import type { GatheredPr } from './gather-pr.js';
import { markedFingerprint, suggestionComments } from './render/suggestions.js';
import type { PullRef, RunContext } from './types.js';

const MAX_LIST_PAGES = 5;

export interface SuggestionsPosted {
  posted: number;
  /** Findings with a fix already suggested on this pull request. */
  alreadySuggested: number;
}

export async function postSuggestions(ctx: RunContext, pr: PullRef, findings: readonly Finding[], gathered: GatheredPr): Promise<SuggestionsPosted> {
  const withFix = findings.filter((f) => f.autofix !== undefined && f.autofix.edits.length > 0);
  if (withFix.length === 0) return { posted: 0, alreadySuggested: 0 };
  const paths = new Set(withFix.map((f) => f.path));
  const heads = new Map<string, string>();
  for (const file of gathered.input.head) if (paths.has(file.path)) heads.set(file.path, decodeContent(file.content).text);
  const done = await suggestedBefore(ctx, pr);
  const comments = suggestionComments({ findings: withFix, heads, changedLines: gathered.changedLines, done });
  const alreadySuggested = withFix.filter((f) => done.has(f.fingerprint)).length;
  if (comments.length === 0) return { posted: 0, alreadySuggested };
  await ctx.octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
    owner: ctx.repo.owner,
    repo: ctx.repo.repo,
    pull_number: pr.number,
    commit_id: pr.headSha,
    event: 'COMMENT',
    body: `${comments.length} suggested ${comments.length === 1 ? 'fix' : 'fixes'} for new remediation findings. Each says whether it is safe or holds a value to check.`,
    comments: comments.map(({ fingerprint: _fingerprint, ...comment }) => comment),
  });
  ctx.log.info({ pr: pr.number, posted: comments.length, alreadySuggested }, 'suggestions posted');
  return { posted: comments.length, alreadySuggested };
}

/** Fingerprints of the suggestions the app already left on the pull request. */
async function suggestedBefore(ctx: RunContext, pr: PullRef): Promise<Set<string>> {
  const login = await ctx.services.botLogin();
  const done = new Set<string>();
  for (let page = 1; page <= MAX_LIST_PAGES; page++) {
    const { data } = await ctx.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', { owner: ctx.repo.owner, repo: ctx.repo.repo, pull_number: pr.number, per_page: 100, page });
    const list = Array.isArray(data) ? (data as { user?: { login?: string } | null; body?: string }[]) : [];
    for (const comment of list) {
      if (comment.user?.login !== login || typeof comment.body !== 'string') continue;
      const fingerprint = markedFingerprint(comment.body);
      if (fingerprint) done.add(fingerprint);
    }
    if (list.length < 100) break;
  }
  return done;
}

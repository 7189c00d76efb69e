/**
 * Plain-language causes for a run that failed midway. Never includes request headers
 * (tokens) or query strings. By the time an error gets here, Probot's retry plugin has
 * retried 5xx and network errors and throttle.ts has waited out secondary rate limits.
 * Returns Markdown: the request in a code span, the message (GitHub's or an exception's)
 * escaped as text.
 */
import { mdCode, mdText } from './render/escape.js';

interface RequestErrorLike {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: unknown;
}

export function describeFailure(error: unknown): string {
  const e = error as RequestErrorLike;
  if (typeof e?.status === 'number' && e.request?.url) {
    const request = mdCode(`${e.request.method ?? 'GET'} ${safePath(e.request.url)}`, 300);
    // Octokit reports a request that got no answer at all (reset, DNS, timeout) as status 500 without a response.
    if (e.response === undefined) return `The request ${request} got no answer from GitHub (network error, retried): ${firstLine(e.message)}`;
    const retried = e.status >= 500 ? ' (retried)' : '';
    return `GitHub answered ${e.status} to ${request}${retried}: ${firstLine(e.message)}`;
  }
  if (error instanceof Error) return `${mdText(error.name, 60)}: ${firstLine(error.message)}`;
  return 'An unknown error occurred.';
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0];
  }
}

function firstLine(message: string | undefined): string {
  return mdText((message ?? '').split('\n')[0], 500);
}

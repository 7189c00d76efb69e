/**
 * Plain-language causes for a run that failed midway. Never includes request headers
 * (tokens) or query strings. By the time an error gets here, Probot's retry plugin has
 * retried 5xx and network errors and throttle.ts has waited out secondary rate limits.
 */
interface RequestErrorLike {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: unknown;
}

export function describeFailure(error: unknown): string {
  const e = error as RequestErrorLike;
  if (typeof e?.status === 'number' && e.request?.url) {
    const request = `\`${e.request.method ?? 'GET'} ${safePath(e.request.url)}\``;
    // Octokit reports a request that got no answer at all (reset, DNS, timeout) as status 500 without a response.
    if (e.response === undefined) return `The request ${request} got no answer from GitHub (network error, retried): ${firstLine(e.message)}`;
    const retried = e.status >= 500 ? ' (retried)' : '';
    return `GitHub answered ${e.status} to ${request}${retried}: ${firstLine(e.message)}`;
  }
  if (error instanceof Error) return `${error.name}: ${firstLine(error.message)}`;
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
  return (message ?? '').split('\n')[0].slice(0, 500);
}

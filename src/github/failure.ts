/** Plain-language causes for a run that failed midway. Never includes request headers (tokens). */
interface RequestErrorLike {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
}

export function describeFailure(error: unknown): string {
  const e = error as RequestErrorLike;
  if (typeof e?.status === 'number' && e.request?.url) {
    const path = safePath(e.request.url);
    return `GitHub answered ${e.status} to \`${e.request.method ?? 'GET'} ${path}\`: ${firstLine(e.message)}`;
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

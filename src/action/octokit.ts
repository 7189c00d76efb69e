/**
 * The Action's REST client: `@octokit/rest` with the retry plugin (5xx and network
 * errors, the App's options: octokit.ts) and the throttling plugin, which waits out
 * primary and secondary rate limits a few times before failing. The base URL is the
 * runner's `GITHUB_API_URL`, so GitHub Enterprise Server works unchanged.
 * https://github.com/octokit/plugin-throttling.js
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { Logger } from 'probot';
import { RETRY_OPTIONS } from '../github/octokit.js';
import type { GitHub } from '../github/types.js';

/** Waits (each at most what GitHub says) before a rate-limited request fails for good. */
const LIMIT_RETRIES = 2;

const ActionOctokit = Octokit.plugin(retry, throttling);

export function createActionOctokit(options: { token: string; baseUrl: string; log: Logger; retryAfterBaseValue?: number }): GitHub {
  const { log } = options;
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
    log.warn({ retryAfter, method: request.method, route: request.url, retryCount }, `${kind} rate limit`);
    return retryCount < LIMIT_RETRIES;
  };
  return new ActionOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: 'databricks-remediation-action',
    retry: { ...RETRY_OPTIONS, ...(options.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: options.retryAfterBaseValue } : {}) },
    throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
    log: { debug: () => undefined, info: () => undefined, warn: (message: string) => log.warn(message), error: (message: string) => log.error(message) },
  });
}

/**
 * The Octokit class the app runs with: Probot's, with the retry plugin's options spelled
 * out. @octokit/plugin-retry (bundled in ProbotOctokit, on by default) retries 5xx
 * answers and network errors (which Octokit reports as status 500) `retries` times,
 * waiting (n + 1)² × `retryAfterBaseValue` ms: 1 s, 4 s, 9 s. 429 joins the statuses it
 * leaves alone: a 429 is a rate limit, to be waited out as GitHub says (throttle.ts), not
 * retried after a second. Tests pass a tiny `retryAfterBaseValue`.
 * https://github.com/octokit/plugin-retry.js#options
 * https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#rate-limit-errors
 */
import { ProbotOctokit } from 'probot';

export interface RetryOptions {
  enabled: boolean;
  retries: number;
  retryAfterBaseValue: number;
  doNotRetry: number[];
}

export const RETRY_OPTIONS: RetryOptions = {
  enabled: true,
  retries: 3,
  retryAfterBaseValue: 1000,
  doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
};

type InstanceOptions = { retry?: Partial<RetryOptions> } & Record<string, unknown>;

/** Instance options win over ours, so a test (or an operator) can still change any of them. */
export const AppOctokit = ProbotOctokit.defaults((options: InstanceOptions) => ({
  ...options,
  retry: { ...RETRY_OPTIONS, ...options.retry },
}));

/**
 * The work a webhook leaves for a worker. Payloads are plain JSON (they travel through
 * Redis): ids, SHAs and parsed commands, never a client or a context. The worker gets an
 * installation client from `installationId`.
 */
import type { Command } from '../github/commands/parse.js';
import type { PullRef, RepoRef } from '../github/types.js';

/** The pull-request actions that trigger a check; one check run per head and action. */
export type PullRequestTrigger = 'opened' | 'synchronize' | 'reopened' | 'ready_for_review';

/** A pull request as check payloads list it. */
export interface ListedPull {
  number: number;
  head: { sha: string };
  base: { sha: string; ref: string };
}

export type JobTask =
  | { kind: 'pr-check'; pr: PullRef; trigger: PullRequestTrigger }
  /** Re-run, Re-run all, or the Recheck button: always a fresh check run. */
  | { kind: 'rerun'; headSha: string; pulls: ListedPull[] }
  /** A push to the default branch: `before` and `after` (`sha`) of the ref; `removals`: some commit removed (or renamed) a file. */
  | { kind: 'push'; branch: string; sha: string; before: string; removals?: boolean }
  /** A repository the app was just installed on: its first scan. */
  | { kind: 'install-scan' }
  /** `mergedAt`: when it was merged into the default branch (the ledger names it in the scan that covers it). */
  | { kind: 'pr-closed'; number: number; merged: boolean; mergedAt?: string }
  | { kind: 'command'; command: Command; commentId: number; user: string; pullNumber: number }
  /**
   * An edit of the tracking issue's body by someone else than the app: its seal is checked
   * and boxes ticked by the edit (against `before`, the body it replaced) are acted on.
   */
  | { kind: 'checkbox'; issueNumber: number; editor: string; before: string | null };

export type JobKind = JobTask['kind'];

export interface JobRepository extends RepoRef {
  /** GitHub's repository id, from the payload (binds the tracking state's seal). */
  id?: number;
  /** Unknown for `install-scan` (installation payloads list names only): the worker asks. */
  htmlUrl?: string;
  defaultBranch?: string;
  /** GitHub's `size` in KB, from the payload: sizes the tarball before any request. */
  sizeKb?: number;
}

export interface Job {
  /** Deduplication key: a second job with the same id is dropped. */
  id: string;
  /** `X-GitHub-Delivery` of the webhook that caused it, for logs. */
  delivery: string;
  installationId: number;
  repository: JobRepository;
  task: JobTask;
  enqueuedAt: string;
}

export type JobInput = Omit<Job, 'id' | 'enqueuedAt'>;

/** Lower-cased `owner/repo`: GitHub names are case-insensitive. One repository, one lane. */
export function repoKey(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`.toLowerCase();
}

/**
 * The id that makes redeliveries and repeats collapse. Natural keys where the work is
 * defined by the data (a head and trigger, a pushed SHA, a comment); the delivery id
 * otherwise, so only a redelivery of the same webhook is dropped. Explicit re-runs are
 * keyed by delivery: each click asks for a new run. BullMQ forbids `:` in custom ids.
 */
export function jobId(input: JobInput): string {
  const key = repoKey(input.repository);
  const task = input.task;
  const parts = ((): (string | number)[] => {
    switch (task.kind) {
      case 'pr-check':
        return [task.pr.headSha, task.trigger];
      case 'push':
        return [task.sha];
      case 'command':
        return [task.commentId];
      case 'pr-closed':
        return [task.number, input.delivery];
      case 'checkbox':
        return [task.issueNumber, input.delivery];
      case 'rerun':
        return [task.headSha, input.delivery];
      case 'install-scan':
        return [input.delivery];
    }
  })();
  return [task.kind, key, ...parts].join('|').replaceAll(':', '_');
}

export function toJob(input: JobInput, now: Date): Job {
  return { ...input, id: jobId(input), enqueuedAt: now.toISOString() };
}

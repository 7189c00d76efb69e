/**
 * What each handler reads from its payload, checked before it runs (guard.ts). Permissive
 * about everything else: GitHub adds fields, and only these are relied on. Strings that
 * travel into jobs are bounded, so a payload cannot make a job record unbounded.
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads
 */
import { z } from 'zod';

const name = z.string().min(1).max(255);
const sha = z.string().regex(/^[0-9a-f]{40}$/);
const number = z.number().int().positive();

const repository = z.object({
  name,
  full_name: z.string().min(3).max(512),
  html_url: z.string().url().max(1024),
  owner: z.object({ login: name }).nullable().optional(),
  default_branch: z.string().max(255).optional(),
  size: z.number().nonnegative().optional(),
});
const installation = z.object({ installation: z.object({ id: number }).nullable().optional() });
const pullRequests = z.array(z.object({ number, head: z.object({ sha }).optional(), base: z.object({ sha }).optional() })).max(100);

export const pullRequestPayload = installation.extend({
  action: z.string().max(64),
  repository,
  pull_request: z.object({ number, merged: z.boolean().nullable().optional(), merged_at: z.string().max(40).nullable().optional(), head: z.object({ sha }), base: z.object({ sha, ref: z.string().max(255) }) }),
});

export const checkRunPayload = installation.extend({
  repository,
  check_run: z.object({ name: z.string().max(255), head_sha: sha, pull_requests: pullRequests }),
  requested_action: z.object({ identifier: z.string().max(64) }).nullable().optional(),
});

export const checkSuitePayload = installation.extend({
  repository,
  check_suite: z.object({ head_sha: sha, pull_requests: pullRequests }),
});

export const pushPayload = installation.extend({
  repository: repository.extend({ default_branch: z.string().max(255) }),
  ref: z.string().max(512),
  after: sha,
  before: sha,
  deleted: z.boolean().optional(),
  commits: z.array(z.object({}).passthrough()).max(2048),
});

export const installationPayload = z.object({
  installation: z.object({ id: number }),
  repositories: z.array(z.object({ full_name: z.string().max(512) })).optional(),
  repositories_added: z.array(z.object({ full_name: z.string().max(512) })).optional(),
});

const user = z.object({ login: name, type: z.string().max(64).optional() }).nullable().optional();

export const issuesEditedPayload = installation.extend({
  repository,
  sender: z.object({ login: name, type: z.string().max(64).optional() }),
  issue: z.object({ number, body: z.string().nullable().optional(), user, pull_request: z.unknown().optional() }),
  changes: z.object({ body: z.object({ from: z.string().nullable().optional() }).optional() }).optional(),
});

export const issueCommentPayload = installation.extend({
  repository,
  comment: z.object({ id: number, body: z.string().nullable().optional(), user }),
  issue: z.object({ number, pull_request: z.unknown().optional() }),
});

/** Types shared by the GitHub layer. Only src/github/ talks to GitHub. */
import type { Logger, ProbotOctokit } from 'probot';
import type { Engine } from '../engine/engine.js';
import { paceSecondaryLimits } from './throttle.js';

/** The installation-authenticated REST client Probot hands to each event. */
export type GitHub = ProbotOctokit;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** What a pull-request check needs to know about the pull request. */
export interface PullRef {
  number: number;
  headSha: string;
  baseSha: string;
  /** Base branch name, used for links only. */
  baseRef?: string;
}

/** Process-wide services handed to handlers; built once in src/index.ts. */
export interface AppServices {
  engine: () => Promise<Engine>;
  /** `<slug>[bot]`: the login the app's issues and comments are written by. */
  botLogin: () => Promise<string>;
  /** Waits before retrying after a secondary rate limit; replaced in tests. */
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
}

export interface RunContext {
  octokit: GitHub;
  repo: RepoRef;
  /** Web URL of the repository, for links (`https://github.com/owner/repo`). */
  repoUrl: string;
  log: Logger;
  services: AppServices;
}

interface RepositoryPayload {
  owner: { login: string };
  name: string;
  html_url: string;
}

/** A run context for one repository of an event. Its client waits out secondary rate limits. */
export function runContextFor(octokit: GitHub, log: Logger, services: AppServices, repository: RepositoryPayload): RunContext {
  paceSecondaryLimits(octokit, services.sleep, log);
  return { octokit, log, services, repo: { owner: repository.owner.login, repo: repository.name }, repoUrl: repository.html_url };
}

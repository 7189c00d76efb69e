/** Types shared by the GitHub layer. Only src/github/ talks to GitHub. */
import type { Logger, ProbotOctokit } from 'probot';
import type { Engine } from '../engine/engine.js';
import type { EngineOptions, ScanResult } from '../engine/api-types.js';
import type { InputFile } from '../model/types.js';
import type { RepoCache } from '../queue/repo-cache.js';
import type { LoadedConfig } from './load-config.js';
import { paceSecondaryLimits } from './throttle.js';

/**
 * The REST client the publish path needs: what Probot's installation client and the
 * Action's `@octokit/rest` client (src/action/octokit.ts) both have. Only the App's client
 * carries the config plugin (`config`); the Action reads its config from the workspace.
 */
export type GitHub = Pick<ProbotOctokit, 'rest' | 'paginate' | 'request' | 'hook'> & Partial<Pick<ProbotOctokit, 'config'>>;

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
  /**
   * A repository's full scan off the event loop, on the process's scan threads with a bound per
   * job (src/parallel/); without it, `engine().scan` on this thread.
   */
  scan?: (files: InputFile[], options: EngineOptions) => Promise<ScanResult>;
  /** `<slug>[bot]`: the login the app's issues and comments are written by. */
  botLogin: () => Promise<string>;
  /** Waits before retrying after a secondary rate limit; replaced in tests. */
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  /**
   * The secret the tracking issues' state blocks are sealed with: derived from the
   * webhook secret (or REMEDIATION_STATE_SECRET), never stored or logged.
   */
  stateSecret: () => Promise<Buffer>;
  /** Config and tracking-issue number per repository (in Redis when instances share work). */
  cache: RepoCache;
  /**
   * How long a repository's loaded config and its tracking issue's number are reused;
   * pushes touching the config drop it sooner (0: never reused).
   */
  repoCacheMs: number;
  /**
   * A check run is created `in_progress` only when its work takes longer than this; a
   * quicker run is created once, completed, saving a request per pull request.
   */
  checkRunGraceMs: number;
  /** Where rule docs are read on the web (src/github/docs-base.ts); without it check runs link none. */
  docsBase?: string;
  /** False where no `check_run.requested_action` event reaches the code (the Action): no Recheck button. */
  recheckButton?: boolean;
  /** The repository's config from elsewhere than the API (the Action reads its checkout of the default branch). */
  config?: () => Promise<LoadedConfig>;
}

export interface RunContext {
  octokit: GitHub;
  repo: RepoRef;
  /** GitHub's id of the repository (stable across renames), when known: binds the state seal. */
  repoId?: number;
  /** Web URL of the repository, for links (`https://github.com/owner/repo`). */
  repoUrl: string;
  /** GitHub's `size` of the repository in KB, when the event said (0, unknown, is left out). */
  repoSizeKb?: number;
  log: Logger;
  services: AppServices;
}

interface RepositoryPayload {
  id?: number;
  owner: { login: string };
  name: string;
  html_url: string;
  size?: number;
}

/** A run context for one repository of an event. Its client waits out secondary rate limits. */
export function runContextFor(octokit: GitHub, log: Logger, services: AppServices, repository: RepositoryPayload): RunContext {
  paceSecondaryLimits(octokit, services.sleep, log);
  // GitHub reports 0 until it has measured a repository (and for empty ones): not a size to trust.
  const sized = typeof repository.size === 'number' && repository.size > 0 ? { repoSizeKb: repository.size } : {};
  const id = typeof repository.id === 'number' ? { repoId: repository.id } : {};
  return { octokit, log, services, repo: { owner: repository.owner.login, repo: repository.name }, repoUrl: repository.html_url, ...id, ...sized };
}

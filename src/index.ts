/**
 * The Probot app: maps webhook events to handlers (one per file in src/github/handlers/).
 * Work runs in the handler for now; each handler calls plain functions of
 * (octokit, repository, ...) so it can move to a queue worker unchanged.
 */
import type { ApplicationFunction, Probot } from 'probot';
import { createEngine, type Engine } from './engine/engine.js';
import { botLoginResolver } from './github/app-identity.js';
import { onCheckRunRequestedAction } from './github/handlers/check-run-requested-action.js';
import { onCheckRunRerequested } from './github/handlers/check-run-rerequested.js';
import { onCheckSuiteRerequested } from './github/handlers/check-suite-rerequested.js';
import { onInstallation } from './github/handlers/installation.js';
import { onIssueComment } from './github/handlers/issue-comment.js';
import { onIssuesEdited } from './github/handlers/issues-edited.js';
import { onPullRequestClosed } from './github/handlers/pull-request-closed.js';
import { onPullRequest, PULL_REQUEST_EVENTS } from './github/handlers/pull-request.js';
import { onPush } from './github/handlers/push.js';
import type { AppServices } from './github/types.js';

export interface AppOptions {
  /** Engine factory; the engine is created once per process and reused. */
  engine?: () => Promise<Engine>;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

export function createRemediationApp(options: AppOptions = {}): ApplicationFunction {
  return (app: Probot) => {
    let engine: Promise<Engine> | undefined;
    const services: AppServices = {
      engine: () =>
        (engine ??= (options.engine ?? createEngine)().catch((error: unknown) => {
          engine = undefined;
          throw error;
        })),
      botLogin: botLoginResolver(app),
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      now: options.now ?? (() => new Date()),
    };
    // Probot logs a handler's error with the event; handlers report failures to users themselves.
    app.on([...PULL_REQUEST_EVENTS], (context) => onPullRequest(context, services));
    app.on('pull_request.closed', (context) => onPullRequestClosed(context, services));
    app.on('check_run.rerequested', (context) => onCheckRunRerequested(context, services));
    app.on('check_run.requested_action', (context) => onCheckRunRequestedAction(context, services));
    app.on('check_suite.rerequested', (context) => onCheckSuiteRerequested(context, services));
    app.on('push', (context) => onPush(context, services));
    app.on(['installation.created', 'installation_repositories.added'], (context) => onInstallation(context, services));
    app.on('issues.edited', (context) => onIssuesEdited(context, services));
    app.on('issue_comment.created', (context) => onIssueComment(context, services));
  };
}

export const remediationApp = createRemediationApp();

/** `probot run ./dist/src/index.js` loads the default export. */
export default remediationApp;

/**
 * The Probot app: maps webhook events to handlers (one per file in src/github/app/handlers/).
 * Handlers only acknowledge and enqueue, well within GitHub's 10 s; the work runs from
 * the job queue (src/queue/, wired in src/runtime.ts), one job at a time per repository.
 */
import type { ApplicationFunction, Probot } from 'probot';
import { createEngine, type Engine } from './engine/engine.js';
import { botLoginResolver } from './github/app/app-identity.js';
import { appDocsBase } from './github/docs-base.js';
import { onCheckRunRequestedAction } from './github/app/handlers/check-run-requested-action.js';
import { onCheckRunRerequested } from './github/app/handlers/check-run-rerequested.js';
import { onCheckSuiteRerequested } from './github/app/handlers/check-suite-rerequested.js';
import { onInstallation } from './github/app/handlers/installation.js';
import { onIssueComment } from './github/app/handlers/issue-comment.js';
import { onIssuesEdited } from './github/app/handlers/issues-edited.js';
import { onPullRequestClosed } from './github/app/handlers/pull-request-closed.js';
import { onPullRequest, PULL_REQUEST_EVENTS } from './github/app/handlers/pull-request.js';
import { onPush } from './github/app/handlers/push.js';
import { guarded } from './github/app/handlers/guard.js';
import * as payloads from './github/app/handlers/payload-schemas.js';
import { assertWebhookSecret, stateSecretResolver } from './github/app/startup.js';
import { webhookEndpoint } from './github/app/webhook-endpoint.js';
import type { AppServices } from './github/types.js';
import { memoryRepoCache } from './queue/repo-cache.js';
import { readQueueSettings, type QueueSettings } from './queue/settings.js';
import type { JobEvent } from './queue/types.js';
import { startRuntime, type AppRuntime } from './runtime.js';
import { createAppScan, scanThreadsSetting, type AppScan } from './parallel/app-scans.js';

export interface AppOptions {
  /** Engine factory; the engine is created once per process and reused. */
  engine?: () => Promise<Engine>;
  /** Full scans of a repository (default: on the scan threads, src/parallel/app-scans.ts; none when `engine` is given). */
  scan?: AppScan;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Queue settings; read from the environment (REDIS_URL, REMEDIATION_*) when absent. */
  settings?: QueueSettings;
  /** Drain the queue on SIGTERM/SIGINT, then exit: the production entry point. */
  handleSignals?: boolean;
  signals?: NodeJS.EventEmitter;
  exit?: (code: number) => void;
  /** Receives the running queue (tests wait on it and shut it down). */
  onRuntime?: (runtime: AppRuntime) => void;
  onJobEvent?: (event: JobEvent) => void;
  /** Base URL of the rule docs linked from check runs; read from REMEDIATION_DOCS_URL or package.json when absent ('' for none). */
  docsBase?: string;
}

function docsBaseOption(base: string | undefined): { docsBase?: string } {
  return base ? { docsBase: base } : {};
}

export function createRemediationApp(options: AppOptions = {}): ApplicationFunction {
  return async (app: Probot) => {
    // Refuse to run with a forgeable webhook secret, before the queue starts (the setup flow never gets here).
    await assertWebhookSecret(app);
    let engine: Promise<Engine> | undefined;
    const settings = options.settings ?? readQueueSettings();
    const now = options.now ?? (() => new Date());
    const services: AppServices = {
      engine: () =>
        (engine ??= (options.engine ?? createEngine)().catch((error: unknown) => {
          engine = undefined;
          throw error;
        })),
      // Injected engines (tests) scan on this thread; the real one on the scan threads.
      scan:
        options.scan ??
        (options.engine
          ? undefined
          : createAppScan(scanThreadsSetting(process.env), {
              inline: async (files, scanOptions) => (await services.engine()).scan(files, scanOptions),
              warn: (fields, message) => app.log.warn(fields, message),
            })),
      botLogin: botLoginResolver(app),
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      now,
      // Replaced by the Redis one when REDIS_URL is set (src/runtime.ts).
      cache: memoryRepoCache(() => now().getTime()),
      stateSecret: stateSecretResolver(app, process.env.REMEDIATION_STATE_SECRET),
      repoCacheMs: settings.repoCacheMs,
      checkRunGraceMs: settings.checkRunGraceMs,
      ...docsBaseOption(options.docsBase === undefined ? appDocsBase(process.env) : options.docsBase),
    };
    const runtime = await startRuntime(app, services, {
      settings,
      handleSignals: options.handleSignals,
      signals: options.signals,
      exit: options.exit,
      onJobEvent: options.onJobEvent,
    });
    options.onRuntime?.(runtime);
    const jobs = runtime.queue;
    // Probot's server asks the app for its webhook middleware when it starts (after loading
    // the app): the app's own endpoint caps and verifies bodies before reading them whole.
    app.getNodeMiddleware = async ({ log, path } = {}) =>
      webhookEndpoint(app.webhooks, { path: path ?? app.webhookPath, maxBytes: settings.webhookMaxBytes, log: (log ?? app.log).child({ name: 'webhooks' }) });
    // Each handler behind its payload check; a handler that throws (the queue is unreachable)
    // makes the endpoint answer 500, so the delivery can be redelivered.
    app.on([...PULL_REQUEST_EVENTS], guarded(payloads.pullRequestPayload, (context) => onPullRequest(context, jobs)));
    app.on('pull_request.closed', guarded(payloads.pullRequestPayload, (context) => onPullRequestClosed(context, jobs)));
    app.on('check_run.rerequested', guarded(payloads.checkRunPayload, (context) => onCheckRunRerequested(context, jobs)));
    app.on('check_run.requested_action', guarded(payloads.checkRunPayload, (context) => onCheckRunRequestedAction(context, jobs)));
    app.on('check_suite.rerequested', guarded(payloads.checkSuitePayload, (context) => onCheckSuiteRerequested(context, jobs)));
    app.on('push', guarded(payloads.pushPayload, (context) => onPush(context, services, jobs)));
    app.on(['installation.created', 'installation_repositories.added'], guarded(payloads.installationPayload, (context) => onInstallation(context, jobs)));
    app.on('issues.edited', guarded(payloads.issuesEditedPayload, (context) => onIssuesEdited(context, services, jobs)));
    app.on('issue_comment.created', guarded(payloads.issueCommentPayload, (context) => onIssueComment(context, services, jobs)));
  };
}

export const remediationApp = createRemediationApp({ handleSignals: true });

/** `probot run ./dist/src/index.js` loads the default export. */
export default remediationApp;

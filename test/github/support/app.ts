/** Builds a Probot instance running the app against nock, with a throwaway RSA key. */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Probot, type Logger } from 'probot';
import type { Engine } from '../../../src/engine/engine.js';
import { AppOctokit } from '../../../src/github/octokit.js';
import { createRemediationApp, type AppOptions } from '../../../src/index.js';
import { DEFAULT_SETTINGS } from '../../../src/queue/settings.js';
import type { AppRuntime } from '../../../src/runtime.js';

let privateKey: string | undefined;

export const WEBHOOK_SECRET = 'test-webhook-secret-3f9c1e7a5b';
/** Retry delays of the tests: (n + 1)² ms instead of seconds. */
export const TEST_RETRY_BASE_MS = 1;

export function testKey(): string {
  privateKey ??= generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } }).privateKey;
  return privateKey;
}

export const FIXED_NOW = new Date('2025-06-01T12:00:00Z');

export interface TestApp {
  probot: Probot;
  sleeps: number[];
  runtime: AppRuntime;
}

/** The queue of each test app: `receive` waits until the jobs an event caused are done. */
const runtimes = new WeakMap<Probot, AppRuntime>();

export interface TestAppOptions {
  /** A logger to capture Probot's output (default: silent). */
  log?: Logger;
  /** Overrides of the app's options (queue settings, clock, job events, signals). */
  app?: Partial<AppOptions>;
}

/** The production Octokit class (retries on), with millisecond retry delays and no write pacing. */
export const TestOctokit = AppOctokit.defaults((options: object) => ({
  ...options,
  retry: { ...(options as { retry?: object }).retry, retryAfterBaseValue: TEST_RETRY_BASE_MS },
  // A function, not an object: Probot passes its own `throttle` options per instance, and
  // an object default would be shallow-merged under them (leaving the 1 s write pacing on).
  throttle: { ...(options as { throttle?: object }).throttle, enabled: false },
}));

export async function createTestApp(engine: Engine, options: TestAppOptions = {}): Promise<TestApp> {
  const sleeps: number[] = [];
  const probot = new Probot({
    appId: 1,
    privateKey: testKey(),
    secret: WEBHOOK_SECRET,
    ...(options.log ? { log: options.log } : { logLevel: 'fatal' as const }),
    Octokit: TestOctokit,
  });
  let runtime: AppRuntime | undefined;
  await probot.load(
    createRemediationApp({
      // In-process, whatever the environment says (REDIS_URL is set in CI for the Redis tests).
      // Each event reads its config and starts its check run at once, so a test's mocks say
      // exactly what one event costs; the cache and the grace have tests of their own.
      settings: { ...DEFAULT_SETTINGS, repoCacheMs: 0, checkRunGraceMs: 0 },
      engine: async () => engine,
      now: () => FIXED_NOW,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...options.app,
      onRuntime: (started) => {
        runtime = started;
      },
    }),
  );
  runtimes.set(probot, runtime!);
  return { probot, sleeps, runtime: runtime! };
}

export function payload(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../fixtures/payloads/${name}.json`, import.meta.url), 'utf8'));
}

let deliveries = 0;

/** Delivers an event (a fresh delivery id each time, like GitHub) and waits for the work it queued. */
export async function receive(probot: Probot, name: string, body: any, delivery = `delivery-${name}-${++deliveries}`): Promise<void> {
  const event = name.split('.')[0];
  await probot.receive({ id: delivery, name: event as any, payload: body });
  await runtimes.get(probot)?.queue.idle();
}

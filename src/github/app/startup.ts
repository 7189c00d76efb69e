/**
 * Checks run when the app is loaded, before the server listens. Probot's setup flow
 * (no APP_ID or private key yet) never loads the app, so these apply to every real run.
 *
 * Without WEBHOOK_SECRET, Probot verifies deliveries with the public default secret
 * `development` (probot/lib/server/server.js): anyone could forge events and make the
 * app act with its installation tokens. The app refuses to start instead.
 * https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { getPrivateKey } from '@probot/get-private-key';
import type { Probot } from 'probot';
import { redisTarget, redisUnreachable } from '../../queue/redis-reachable.js';

/** Probot's fallback when no secret is configured. */
export const PROBOT_DEFAULT_SECRET = 'development';

export class WebhookSecretError extends Error {
  constructor() {
    super(
      'WEBHOOK_SECRET is not set (or is Probot\'s public default): webhook signatures could be forged. ' +
        "Set it to the secret in the GitHub App's settings (the manifest flow writes it to .env).",
    );
    this.name = 'WebhookSecretError';
  }
}

/**
 * Throws when deliveries signed with the default secret would be accepted. Asks the
 * webhooks instance itself, so the secret is checked wherever it came from (environment,
 * `--secret`, options) and never read or logged here.
 */
export async function assertWebhookSecret(app: Probot): Promise<void> {
  const probe = 'remediation-startup-probe';
  const signedWithDefault = `sha256=${createHmac('sha256', PROBOT_DEFAULT_SECRET).update(probe).digest('hex')}`;
  if (await app.webhooks.verify(probe, signedWithDefault)) throw new WebhookSecretError();
}

export class PrivateKeyError extends Error {
  constructor(cause: string) {
    super(`APP_ID is set but the private key cannot be used: ${cause}. Set PRIVATE_KEY (the .pem contents) or PRIVATE_KEY_PATH (its path).`);
    this.name = 'PrivateKeyError';
  }
}

/**
 * With APP_ID set, a key that cannot be read must stop the app: Probot would otherwise
 * treat the missing key as a first run and serve its setup flow. Reads the key the way
 * Probot does (@probot/get-private-key), and never prints it.
 */
export function assertPrivateKey(env: NodeJS.ProcessEnv, cwd = process.cwd()): void {
  if (!env.APP_ID?.trim()) return;
  let key: string | null;
  try {
    key = getPrivateKey({ env, cwd });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^\[@probot\/get-private-key\]\s*/, '') : 'unreadable';
    throw new PrivateKeyError(message.split('. ')[0]);
  }
  if (!key) throw new PrivateKeyError('neither PRIVATE_KEY nor PRIVATE_KEY_PATH is set and no .pem file is in the working directory');
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(key)) throw new PrivateKeyError('the file is not a PEM private key');
}

/**
 * The secret the tracking issues' state blocks are sealed with (tracking/state.ts): an
 * HMAC of a fixed label under the webhook secret, asked of the webhooks instance so the
 * secret itself is never read here; or REMEDIATION_STATE_SECRET, which lets the webhook
 * secret be rotated without unsealing every issue (set it to the old secret first).
 */
export function stateSecretResolver(app: Probot, configured: string | undefined): () => Promise<Buffer> {
  let secret: Promise<Buffer> | undefined;
  return () =>
    (secret ??= configured?.trim()
      ? Promise.resolve(createHmac('sha256', configured.trim()).update('remediation-state-secret').digest())
      : app.webhooks.sign('remediation-state-secret').then((signature) => Buffer.from(signature.replace(/^sha256=/, ''), 'hex')));
}

export class RedisUnreachableError extends Error {
  constructor(target: string, cause: string) {
    super(`REDIS_URL is set but Redis at ${target} cannot be reached (${cause}). Start Redis there, correct REDIS_URL, or unset it to run one instance with the in-process queue.`);
    this.name = 'RedisUnreachableError';
  }
}

/**
 * With REDIS_URL set, Redis must answer before Probot starts: Probot's throttling and the
 * job queue would each log every failed connection attempt, and the app cannot work
 * without it. One attempt, one line naming REDIS_URL and the host (never the password).
 */
export async function assertRedisReachable(env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<void> {
  const url = env.REDIS_URL?.trim();
  if (!url) return;
  const cause = await redisUnreachable(url, timeoutMs);
  if (cause !== undefined) throw new RedisUnreachableError(redisTarget(url), cause);
}

/**
 * The environment Probot's `run` will see: `.env` in the working directory applied over
 * the process's (probot/lib/helpers/apply-env.js does the same, `.env` winning), so the
 * checks above judge the values the app will really use.
 */
export function withDotEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): NodeJS.ProcessEnv {
  let text: string;
  try {
    text = readFileSync(join(cwd, '.env'), 'utf8');
  } catch {
    return env;
  }
  return { ...env, ...parseEnv(text) };
}

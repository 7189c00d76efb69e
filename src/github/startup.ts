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
import type { Probot } from 'probot';

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

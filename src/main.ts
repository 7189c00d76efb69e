/**
 * Production entry point (`npm start`): exactly what `probot run ./dist/src/index.js`
 * does (environment, setup flow, server, the app's default export), plus the app's
 * Octokit class, which the `probot run` command offers no way to pass. Startup errors (a
 * missing webhook secret, an unreadable private key, an unreachable REDIS_URL) end the
 * process with status 1 and one line on stderr, before anything listens.
 * https://probot.github.io/docs/development/#run-probot-programmatically
 */
import { run } from 'probot';
import { AppOctokit } from './github/octokit.js';
import { assertPrivateKey, assertRedisReachable, withDotEnv } from './github/app/startup.js';
import { limitHeapGrowth } from './heap-growth.js';

/** The app module, as `probot run` would be given it (argument form: no SIGINT handler of its own). */
export const APP_MODULE = new URL('./index.js', import.meta.url).href;

export async function main(processEnv: NodeJS.ProcessEnv = process.env): Promise<void> {
  limitHeapGrowth();
  const env = withDotEnv(processEnv);
  // Probot falls back to its setup flow when the key cannot be read, and would keep listening.
  assertPrivateKey(env);
  // Before `run`: Probot's throttling connects to REDIS_URL too, and logs every failed attempt.
  await assertRedisReachable(env);
  await run([APP_MODULE], { Octokit: AppOctokit });
}

main().catch((error: unknown) => {
  // The logger lives inside `run`; stderr is all there is when it fails.
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exit(1);
});

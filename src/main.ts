/**
 * Production entry point (`npm start`): exactly what `probot run ./dist/src/index.js`
 * does (environment, setup flow, server, the app's default export), plus the app's
 * Octokit class, which the `probot run` command offers no way to pass. Startup errors (a
 * missing webhook secret, say) end the process with status 1 before anything listens.
 * https://probot.github.io/docs/development/#run-probot-programmatically
 */
import { run } from 'probot';
import { AppOctokit } from './github/octokit.js';

/** The app module, as `probot run` would be given it (argument form: no SIGINT handler of its own). */
export const APP_MODULE = new URL('./index.js', import.meta.url).href;

run([APP_MODULE], { Octokit: AppOctokit }).catch((error: unknown) => {
  // The logger lives inside `run`; stderr is all there is when it fails.
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exit(1);
});

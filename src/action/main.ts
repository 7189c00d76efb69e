/** The Action's entry point (action.yml): reads the runner's environment, runs, exits with the result. */
import { pino } from 'pino';
import { readActionEnv } from './env.js';
import { createActionOctokit } from './octokit.js';
import { runAction } from './run-action.js';

export async function main(vars: Record<string, string | undefined> = process.env): Promise<number> {
  const parsed = readActionEnv(vars);
  if (!parsed.ok) {
    process.stdout.write(`::error title=Remediation::${parsed.message}\n`);
    return 2;
  }
  const log = pino({ level: vars.RUNNER_DEBUG === '1' ? 'debug' : 'info' }, pino.destination(2));
  const octokit = createActionOctokit({ token: parsed.env.token, baseUrl: parsed.env.apiUrl, log });
  try {
    return await runAction(parsed.env, { octokit, log, vars, write: (text) => void process.stdout.write(text) });
  } catch (error) {
    log.error({ err: error }, 'the remediation action failed');
    process.stdout.write(`::error title=Remediation::${String((error as Error).message ?? error).split('\n')[0]}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  process.exitCode = await main();
}

/** The Action's entry point (action.yml): reads the runner's environment, runs, exits with the result. */
import { pino } from 'pino';
import type { Logger } from 'probot';
import { readActionEnv } from './env.js';
import { createActionOctokit } from './octokit.js';
import { runAction } from './run-action.js';
import { limitHeapGrowth } from '../heap-growth.js';

/** Where the run writes: the runner's stdout (workflow commands) and a JSON log on stderr, unless given. */
export interface MainIo {
  write?: (text: string) => void;
  log?: Logger;
  now?: () => Date;
}

export async function main(vars: Record<string, string | undefined> = process.env, io: MainIo = {}): Promise<number> {
  limitHeapGrowth();
  const write = io.write ?? ((text: string) => void process.stdout.write(text));
  const parsed = readActionEnv(vars);
  if (!parsed.ok) {
    write(`::error title=Remediation::${parsed.message}\n`);
    return 2;
  }
  const log = io.log ?? pino({ level: vars.RUNNER_DEBUG === '1' ? 'debug' : 'info' }, pino.destination(2));
  const octokit = createActionOctokit({ token: parsed.env.token, baseUrl: parsed.env.apiUrl, log });
  try {
    return await runAction(parsed.env, { octokit, log, vars, write, ...(io.now ? { now: io.now } : {}) });
  } catch (error) {
    log.error({ err: error }, 'the remediation action failed');
    write(`::error title=Remediation::${String((error as Error).message ?? error).split('\n')[0]}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  process.exitCode = await main();
}

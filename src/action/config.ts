/**
 * The Action's `.github/remediation.yml` (or the `config` input's file), read from the
 * checkout as the CLI reads it. On a pull request it is read at the base commit, not from
 * the merge preview: as with the App, a pull request cannot change the rules it is judged
 * by (a `fail_on` lowered or a path excluded by the change itself applies once merged).
 */
import { CONFIG_PATH, defaultConfig, type RemediationConfig } from '../config.js';
import { describeFailure } from '../github/failure.js';
import { runGit } from '../local/git.js';
import { loadLocalConfig, parseConfigText } from '../local/load-config.js';
import type { ActionEnv } from './env.js';

export type ActionConfig = { ok: true; config: RemediationConfig; warnings: string[] } | { ok: false; message: string };

export async function loadActionConfig(env: ActionEnv, atCommit?: string): Promise<ActionConfig> {
  try {
    const local = atCommit ? await configAtCommit(env, atCommit) : await loadLocalConfig({ cwd: env.workspace, root: env.workspace, ...(env.config ? { file: env.config } : {}) });
    return { ok: true, config: { ...local.config, ...(env.failOn ? { failOn: env.failOn } : {}) }, warnings: local.warnings };
  } catch (error) {
    return { ok: false, message: describeFailure(error) };
  }
}

async function configAtCommit(env: ActionEnv, commit: string): Promise<{ config: RemediationConfig; warnings: string[] }> {
  // `git show` takes paths from the repository's top, which the workspace is.
  const given = (env.config ?? CONFIG_PATH).split('\\').join('/');
  const path = given.startsWith('./') ? given.slice(2) : given;
  const text = await runGit(['show', `${commit}:${path}`], { cwd: env.workspace }).then(
    (out) => out.toString('utf8'),
    () => undefined,
  );
  if (text === undefined) {
    // The repository's own file is optional; a file named by the `config` input is not.
    if (env.config === undefined) return { config: defaultConfig(), warnings: [] };
    throw new Error(`cannot read ${path} at the pull request's base ${commit.slice(0, 12)}`);
  }
  const parsed = parseConfigText(text, path);
  return { config: parsed.config, warnings: parsed.warnings.map((warning) => `${path}: ${warning}`) };
}

/**
 * The commands that read no repository: `rules` and `explain`. They print what
 * the package knows about its rules and load neither the parser nor git.
 */
import type { CliArgs } from '../args.js';
import { explainRule } from './explain.js';
import { renderRulesJson, renderRulesText } from './rules.js';

export type InfoArgs = Extract<CliArgs, { command: 'rules' | 'explain' }>;

export async function infoText(args: InfoArgs, env: Readonly<Record<string, string | undefined>>): Promise<string> {
  if (args.command === 'explain') return explainRule(args.rule, env);
  return args.format === 'json' ? renderRulesJson() : renderRulesText();
}

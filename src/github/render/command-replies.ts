/** Replies to `/remediation` commands. Pure. */
import type { CommandRole, RemediationConfig } from '../../config.js';
import type { PrAnalysis } from '../pr-analysis.js';
import { renderPriorityTable } from './check-summary.js';
import { mdCode, mdMention, mdText } from './escape.js';

export function helpReply(unknown?: string): string {
  return [
    ...(unknown ? [`I don't know the command ${mdCode(unknown, 40)}. Here is what I understand:`, ''] : []),
    'Commands (first line of a pull-request comment):',
    '',
    '| Command | What it does |',
    '|---|---|',
    '| `/remediation recheck` | Runs the Remediation check again on the head commit. |',
    '| `/remediation status` | Replies with what this pull request fixes and adds, per priority. |',
    '| `/remediation ignore P4 [path] -- reason` | Ignores a priority (`P4`), rule (`P401`, `kafka-unbounded`), optionally only under a path or glob. Recorded in the tracking issue. |',
    '| `/remediation help` | Shows this help. |',
    '',
    '`recheck` and `ignore` need write access to the repository (`ignore` may need more: `commands.ignore_requires` in `.github/remediation.yml`).',
  ].join('\n');
}

const NEEDS: Record<CommandRole, string> = {
  write: 'write access to this repository',
  maintain: 'the maintain or admin role in this repository (`commands.ignore_requires` in `.github/remediation.yml`)',
  admin: 'admin access to this repository (`commands.ignore_requires` in `.github/remediation.yml`)',
};

export function refusalReply(user: string, command: string, required: CommandRole = 'write'): string {
  return `Sorry ${mdMention(user)}, ${mdCode(`/remediation ${command}`, 60)} needs ${NEEDS[required]}, so I did not run it. A maintainer can run it for you.`;
}

export function invalidReply(subcommand: string, problem: string): string {
  return `I could not run ${mdCode(`/remediation ${subcommand}`, 60)}: ${problem}\n\nUsage: \`/remediation ignore P4 [path] -- reason\``;
}

export function statusReply(analysis: PrAnalysis, config: RemediationConfig, headSha: string): string {
  return [`Remediation status at \`${headSha.slice(0, 7)}\`: ${analysis.reason}`, '', ...renderPriorityTable(analysis, config)].join('\n');
}

export function ignoreReply(selector: string, path: string | undefined, issueNumber: number | undefined): string {
  const where = path ? ` in ${mdCode(path, 200)}` : '';
  const issue = issueNumber ? ` in the tracking issue #${issueNumber}` : ' in the tracking issue';
  return `Recorded: ${mdCode(selector, 64)}${where} is ignored from now on${issue}. Run \`/remediation recheck\` to apply it to this pull request.`;
}

export function failureReply(cause: string): string {
  return `Something went wrong while running the command: ${cause}`;
}

export function checkboxRefusal(editor: string, refused: string[]): string {
  return `${mdMention(editor)}, I unticked what you asked for without doing it: ${refused.join('; ')}. A maintainer can tick it, or run the matching \`/remediation\` command.`;
}

export function ignoreRefusal(why: string): string {
  return `I did not record this ignore: ${why} Ignores can also be listed under \`ignore:\` in \`.github/remediation.yml\`.`;
}

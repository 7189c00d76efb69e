/** Replies to `/remediation` commands. Pure. */
import type { CommandRole, RemediationConfig } from '../../config.js';
import type { PrAnalysis } from '../pr-analysis.js';
import { renderPriorityTable } from './check-summary.js';
import { IGNORE_CATEGORIES, type IgnoreRecord } from '../tracking/state.js';
import { mdCode, mdMention, mdText } from './escape.js';

const IGNORE_USAGE = '/remediation ignore P4 [path] [category] [until: YYYY-MM-DD] -- reason';
const UNIGNORE_USAGE = '/remediation unignore P4 [path]';
const CATEGORY_LIST = IGNORE_CATEGORIES.map((c) => `\`${c}\``).join(', ');

export function helpReply(unknown?: string): string {
  return [
    ...(unknown ? [`I don't know the command ${mdCode(unknown, 40)}. Here is what I understand:`, ''] : []),
    'Commands (first line of a pull-request comment):',
    '',
    '| Command | What it does |',
    '|---|---|',
    '| `/remediation recheck` | Runs the Remediation check again on the head commit. |',
    '| `/remediation status` | Replies with what this pull request fixes and adds, per priority. |',
    `| \`${IGNORE_USAGE}\` | Ignores a priority (\`P4\`), rule (\`P401\`, \`kafka-unbounded\`), optionally only under a path or glob, with a category (${CATEGORY_LIST}), a last day and a reason. Recorded in the tracking issue, with who and when. |`,
    `| \`${UNIGNORE_USAGE}\` | Undoes an ignore: give the selector and path as recorded. The next scan counts its findings again. |`,
    '| `/remediation help` | Shows this help. |',
    '',
    '',
    'For example `/remediation ignore P7 tests/** test-code until: 2025-12-31 -- fixtures only`. Without `--`, a path needs a `/`, a glob character or a file extension, and the first other word starts the reason. After its `until:` day an ignore stops applying, and the tracking issue says it expired.',
    '',
    '`recheck`, `ignore` and `unignore` need write access to the repository (`ignore` and `unignore` may need more: `commands.ignore_requires` in `.github/remediation.yml`).',
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

export function invalidReply(subcommand: 'ignore' | 'unignore', problem: string): string {
  return `I could not run ${mdCode(`/remediation ${subcommand}`, 60)}: ${problem}\n\nUsage: \`${subcommand === 'ignore' ? IGNORE_USAGE : UNIGNORE_USAGE}\``;
}

export function statusReply(analysis: PrAnalysis, config: RemediationConfig, headSha: string): string {
  return [`Remediation status at \`${headSha.slice(0, 7)}\`: ${analysis.reason}`, '', ...renderPriorityTable(analysis, config)].join('\n');
}

export function ignoreReply(entry: Pick<IgnoreRecord, 'selector' | 'path' | 'category' | 'until'>, issueNumber: number | undefined): string {
  const how = [entry.category ? `as \`${entry.category}\`` : '', entry.until ? `until ${entry.until} (inclusive)` : ''].filter(Boolean).join(', ');
  const undo = mdCode(`/remediation unignore ${entry.selector}${entry.path ? ` ${entry.path}` : ''}`, 240);
  return `Recorded: ${ignored(entry)} is ignored from now on${how ? `, ${how},` : ''} in${issueText(issueNumber)}. Run \`/remediation recheck\` to apply it to this pull request; ${undo} undoes it.`;
}

export function unignoreReply(removed: Pick<IgnoreRecord, 'selector' | 'path'>, issueNumber: number | undefined): string {
  return `Removed: ${ignored(removed)} is no longer ignored. The default branch was scanned again, so${issueText(issueNumber)} counts the findings it hid. Run \`/remediation recheck\` to apply it to this pull request.`;
}

/** No ignore of exactly that selector and path: say which ones of the selector there are. */
export function unignoreMissing(selector: string, path: string | undefined, recorded: Pick<IgnoreRecord, 'selector' | 'path'>[]): string {
  const same = recorded.filter((r) => r.selector === selector).slice(0, 10);
  const known = same.length > 0 ? ` Recorded for ${mdCode(selector, 64)}: ${same.map((r) => ignored(r)).join(', ')}; give the path as recorded.` : '';
  return `There is no ignore of ${ignored({ selector, path })} to remove.${known}`;
}

function ignored(entry: Pick<IgnoreRecord, 'selector' | 'path'>): string {
  return `${mdCode(entry.selector, 64)}${entry.path ? ` in ${mdCode(entry.path, 200)}` : ''}`;
}

function issueText(issueNumber: number | undefined): string {
  return issueNumber ? ` the tracking issue #${issueNumber}` : ' the tracking issue';
}

export function failureReply(cause: string): string {
  return `Something went wrong while running the command: ${cause}`;
}

export function checkboxRefusal(editor: string, refused: string[]): string {
  return `${mdMention(editor)}, I unticked what you asked for without doing it: ${refused.join('; ')}. A maintainer can tick it, or run the matching \`/remediation\` command.`;
}

export function ignoreRefusal(why: string): string {
  return `I did not record this ignore: ${why} \`/remediation unignore <selector> [path]\` removes one that is no longer needed; ignores can also be listed under \`ignore:\` in \`.github/remediation.yml\`.`;
}

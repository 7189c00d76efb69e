/**
 * GitHub Actions workflow commands: one `::error` / `::warning` / `::notice`
 * line per open finding, which the runner turns into annotations on the
 * commit and the pull request without uploading anything. Pure.
 */
import type { Finding, Severity } from '../model/types.js';
import { compareFindings, isOpen } from './priorities.js';

export type GithubCommand = 'error' | 'warning' | 'notice';

const COMMANDS: Record<Severity, GithubCommand> = { failure: 'error', warning: 'warning', notice: 'notice' };

export function githubCommand(severity: Severity): GithubCommand {
  return COMMANDS[severity];
}

/** Open findings only: suppressed ones are settled, resolved ones point into the base revision. */
export function renderGithub(findings: readonly Finding[]): string {
  return findings
    .filter(isOpen)
    .sort(compareFindings)
    .map((finding) => `${annotation(finding)}\n`)
    .join('');
}

function annotation(finding: Finding): string {
  const properties: [string, string][] = [];
  // A repository-wide finding (path `.`) has no file to sit on: it stays a run-level annotation.
  if (finding.path !== '.' && finding.path !== '') {
    const line = Math.max(1, finding.line);
    properties.push(['file', finding.path], ['line', String(line)], ['endLine', String(Math.max(line, finding.endLine))], ['col', String(Math.max(1, finding.column))]);
  }
  properties.push(['title', `${finding.rule} ${finding.name}`]);
  const message = finding.fix ? `${finding.message}\nFix: ${finding.fix}` : finding.message;
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',');
  return `::${githubCommand(finding.severity)} ${props}::${escapeData(message)}`;
}

/** The escaping of @actions/core for a command's message: `%` first, so `%0A` typed in a message stays text. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at `:` (the message separator) and `,` (the next property). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

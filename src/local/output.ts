/**
 * Picks the renderer for --format and loads what it needs from the package
 * (rule docs for SARIF, the template for Markdown). The renderers themselves
 * stay pure.
 */
import type { FileRole, Finding } from '../model/types.js';
import { allRules } from '../../checks/index.js';
import type { ReportMode } from '../report/render-json.js';
import { renderJson, statusCounts } from '../report/render-json.js';
import { renderText } from '../report/render-text.js';
import type { OutputFormat } from './args.js';
import { packageVersion, readRuleDocs, readTemplate } from './resources.js';
import { renderGithub } from '../report/render-github.js';
import { renderStatisticsJson, renderStatisticsText } from '../report/render-statistics.js';
import { docsBaseUrl, ruleDocUrl } from './docs-url.js';

export interface RenderContext {
  mode: ReportMode;
  color: boolean;
  /** Files handed to the engine (head files in diff mode). */
  files: number;
  /** Text output shows paths from the working directory; the other formats keep them repository-relative. */
  displayPath?: (path: string) => string;
  /** `--new-only`: text lists only the findings a diff adds. */
  newOnly?: boolean;
  /** `--statistics`: counts per rule (text or json) instead of the findings. */
  statistics?: boolean;
  /** `--quiet`: text without its summary line (and nothing when no finding is listed). */
  quiet?: boolean;
  /** `--show-fixes`: text shows the full fix under every finding. */
  showFixes?: boolean;
  /** The role of every analysed file, for the JSON and SARIF reports. */
  roles?: ReadonlyMap<string, FileRole>;
  /** For `REMEDIATION_DOCS_URL` (rule doc links in SARIF). */
  env?: Readonly<Record<string, string | undefined>>;
}

export const TOOL_NAME = 'remediation';

export async function renderReport(format: OutputFormat, findings: readonly Finding[], context: RenderContext): Promise<string> {
  if (context.statistics) return format === 'json' ? renderStatisticsJson(findings) : renderStatisticsText(findings);
  switch (format) {
    case 'github':
      return renderGithub(findings);
    case 'text': {
      const text = renderText(findings, {
        color: context.color,
        mode: context.mode,
        files: context.files,
        ...(context.displayPath ? { displayPath: context.displayPath } : {}),
        ...(context.mode === 'diff' ? { statusCounts: statusCounts(findings) } : {}),
        ...(context.newOnly ? { only: 'new' as const } : {}),
        ...(context.showFixes ? { showFixes: true } : {}),
      });
      return context.quiet ? withoutSummary(text) : text;
    }
    case 'json':
      return renderJson(findings, { mode: context.mode, ...(context.roles ? { roles: context.roles } : {}) });
    // SARIF and Markdown pull in rule docs and the template engine: loaded only when asked for,
    // so the common text/JSON run starts faster.
    case 'sarif': {
      const { renderSarif } = await import('../report/render-sarif.js');
      const rules = allRules.map((rule) => rule.meta);
      const [docs, version, docsBase] = await Promise.all([readRuleDocs(rules), packageVersion(), docsBaseUrl(context.env)]);
      const ruleHelpUri = docsBase ? { ruleHelpUri: (meta: (typeof rules)[number]) => ruleDocUrl(docsBase, meta) } : {};
      return renderSarif(findings, { rules, docs, toolName: TOOL_NAME, toolVersion: version, mode: context.mode, ...ruleHelpUri, ...(context.roles ? { roles: context.roles } : {}) });
    }
    case 'markdown': {
      const { renderMarkdown } = await import('../report/render-markdown.js');
      const markdown = renderMarkdown(findings, { template: await readTemplate('progress') });
      return context.mode === 'diff' ? `${diffLine(findings)}\n\n${markdown}` : markdown;
    }
  }
}

/** The line above a diff's progress table: what the change adds, leaves and removes. */
function diffLine(findings: readonly Finding[]): string {
  const counts = statusCounts(findings);
  return `**This change:** ${counts.new} new, ${counts.existing} existing, ${counts.resolved} resolved`;
}

/**
 * The text report's findings without what follows them: the summary is the paragraph after the
 * last blank line, and "No open findings." is not a finding.
 */
export function withoutSummary(text: string): string {
  const body = text.replace(/\n+$/, '');
  const cut = body.lastIndexOf('\n\n');
  const findings = cut === -1 ? '' : body.slice(0, cut);
  if (findings === '' || /^No \w+ findings\.$/.test(findings.trim())) return '';
  return `${findings}\n`;
}

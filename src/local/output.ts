/**
 * Picks the renderer for --format and loads what it needs from the package
 * (rule docs for SARIF, the template for Markdown). The renderers themselves
 * stay pure.
 */
import type { Finding } from '../model/types.js';
import { allRules } from '../../checks/index.js';
import type { ReportMode } from '../report/render-json.js';
import { renderJson } from '../report/render-json.js';
import { renderText } from '../report/render-text.js';
import type { OutputFormat } from './args.js';
import { packageVersion, readRuleDocs, readTemplate } from './resources.js';

export interface RenderContext {
  mode: ReportMode;
  color: boolean;
  /** Files handed to the engine (head files in diff mode). */
  files: number;
  /** Text output shows paths from the working directory; the other formats keep them repository-relative. */
  displayPath?: (path: string) => string;
}

export const TOOL_NAME = 'remediation';

export async function renderReport(format: OutputFormat, findings: readonly Finding[], context: RenderContext): Promise<string> {
  switch (format) {
    case 'text':
      return renderText(findings, { color: context.color, mode: context.mode, files: context.files, ...(context.displayPath ? { displayPath: context.displayPath } : {}) });
    case 'json':
      return renderJson(findings, { mode: context.mode });
    // SARIF and Markdown pull in rule docs and the template engine: loaded only when asked for,
    // so the common text/JSON run starts faster.
    case 'sarif': {
      const { renderSarif } = await import('../report/render-sarif.js');
      const rules = allRules.map((rule) => rule.meta);
      const [docs, version] = await Promise.all([readRuleDocs(rules), packageVersion()]);
      return renderSarif(findings, { rules, docs, toolName: TOOL_NAME, toolVersion: version });
    }
    case 'markdown': {
      const { renderMarkdown } = await import('../report/render-markdown.js');
      return renderMarkdown(findings, { template: await readTemplate('progress') });
    }
  }
}

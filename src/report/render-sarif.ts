/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`).
 * Every registered rule is described, so alerts keep their help text even when
 * a run has no result for the rule. Pure: rule docs are passed in by the caller.
 */
import type { FileRole, Finding, Severity } from '../model/types.js';
import type { RuleMeta } from '../../checks/types.js';
import { allRules } from '../../checks/index.js';
import { priorityInfo, priorityTitle } from './priorities.js';
import { filesOf, statusCounts, type ReportMode, type StatusCounts } from './render-json.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'remediationFingerprint/v1';

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifOptions {
  /** Rule metadata to describe; defaults to the registry. */
  rules?: readonly RuleMeta[];
  /** Markdown doc of each rule, keyed by rule id (read by the caller from `checks/<folder>/<name>.md`). */
  docs?: ReadonlyMap<string, string>;
  toolName?: string;
  toolVersion?: string;
  informationUri?: string;
  /** A rule's doc on the web, for `helpUri` (the CLI's docs URL); default the priority's Databricks doc. */
  ruleHelpUri?: (meta: RuleMeta) => string | undefined;
  /**
   * Diff mode: every result carries its `baselineState` against the base revision, resolved
   * findings included (as `absent`), and the run's properties hold the status counts. Default scan.
   */
  mode?: ReportMode;
  /** The role of every analysed file: written as the run's `artifacts`, each with its role (§3.24). */
  roles?: ReadonlyMap<string, FileRole>;
}

/** SARIF's words for a finding's status against the base revision (§3.27.24). */
export type BaselineState = 'new' | 'unchanged' | 'absent';

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn: number; endLine: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
  baselineState?: BaselineState;
  suppressions?: { kind: 'inSource' }[];
  /** The role of the finding's file, which decided the rules applied to it. */
  properties?: { role: string };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; informationUri?: string; version?: string; rules: SarifRule[] } };
    results: SarifResult[];
    /** Every analysed file, with the role that decided which rules judged it. */
    artifacts?: { location: { uri: string }; properties: { role: FileRole } }[];
    /** Diff mode: what the change adds, leaves and removes (open findings; see `statusCounts`). */
    properties?: { status: StatusCounts };
  }[];
}

const LEVELS: Record<Severity, SarifLevel> = { failure: 'error', warning: 'warning', notice: 'note' };
const BASELINE_STATES: Record<NonNullable<Finding['status']>, BaselineState> = { new: 'new', existing: 'unchanged', resolved: 'absent' };

export function sarifLevel(severity: Severity): SarifLevel {
  return LEVELS[severity];
}

export function toSarif(findings: readonly Finding[], options: SarifOptions = {}): SarifLog {
  const metas = options.rules ?? allRules.map((rule) => rule.meta);
  const docs = options.docs ?? new Map<string, string>();
  const rules = metas.map((meta) => describeRule(meta, docs.get(meta.id), options.ruleHelpUri?.(meta)));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));

  const diff = options.mode === 'diff';
  const results: SarifResult[] = [];
  for (const finding of findings) {
    // A scan has nothing resolved; in a diff, a resolved finding is the base's result, said to be absent now.
    if (finding.status === 'resolved' && !diff) continue;
    let ruleIndex = index.get(finding.rule);
    if (ruleIndex === undefined) {
      // Engine problems ("cannot analyse ...") and rules unknown to this build still need a descriptor.
      ruleIndex = rules.push(describeUnregistered(finding)) - 1;
      index.set(finding.rule, ruleIndex);
    }
    const result = toResult(finding, ruleIndex);
    if (diff) result.baselineState = BASELINE_STATES[finding.status ?? 'new'];
    results.push(result);
  }

  const driver: SarifLog['runs'][number]['tool']['driver'] = {
    name: options.toolName ?? 'remediation',
    ...(options.informationUri ? { informationUri: options.informationUri } : {}),
    ...(options.toolVersion ? { version: options.toolVersion } : {}),
    rules,
  };
  const run: SarifLog['runs'][number] = { tool: { driver }, results };
  if (options.roles) run.artifacts = filesOf(options.roles).map(({ path, role }) => ({ location: { uri: toUri(path) }, properties: { role } }));
  if (diff) run.properties = { status: statusCounts(findings) };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

export function renderSarif(findings: readonly Finding[], options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(findings, options), null, 2)}\n`;
}

function describeRule(meta: RuleMeta, doc: string | undefined, helpUri?: string): SarifRule {
  const info = priorityInfo(meta.priority);
  const body = doc?.trim() || `**${meta.title}**\n\nPriority ${meta.priority}: ${info.title}.`;
  return {
    id: meta.id,
    name: meta.name,
    shortDescription: { text: meta.title },
    fullDescription: { text: (doc && docSummary(doc)) || meta.title },
    helpUri: helpUri ?? info.docUrl,
    help: {
      text: `${body}\n\nFix: ${meta.fix}`,
      markdown: `${body}\n\n**Fix:** ${meta.fix}\n\nSee [Priority ${meta.priority}: ${info.title}](${info.docUrl}).`,
    },
    defaultConfiguration: { level: sarifLevel(meta.severity) },
    properties: { tags: [`priority-${meta.priority}`, meta.name] },
  };
}

function describeUnregistered(finding: Finding): SarifRule {
  const title = finding.priority === 0 ? priorityTitle(0) : finding.name;
  return {
    id: finding.rule,
    name: finding.name,
    shortDescription: { text: title },
    fullDescription: { text: title },
    help: { text: finding.fix || title, markdown: finding.fix || title },
    defaultConfiguration: { level: sarifLevel(finding.severity) },
    properties: { tags: [`priority-${finding.priority}`] },
  };
}

function toResult(finding: Finding, ruleIndex: number): SarifResult {
  // SARIF regions are 1-based; a file-level finding may come with line 0.
  const startLine = Math.max(1, finding.line);
  const result: SarifResult = {
    ruleId: finding.rule,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: finding.fix ? `${finding.message}\n\nFix: ${finding.fix}` : finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(finding.path) },
          region: {
            startLine,
            startColumn: Math.max(1, finding.column),
            endLine: Math.max(startLine, finding.endLine),
          },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.role ? { properties: { role: finding.role } } : {}),
  };
  if (finding.suppressed) result.suppressions = [{ kind: 'inSource' }];
  return result;
}

/** A relative URI reference: each segment percent-encoded so spaces or `#` survive. */
function toUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The first paragraph under "What it does" (the doc layout), else the first paragraph of prose. */
export function docSummary(doc: string): string | undefined {
  const lines = doc.replace(/\r\n/g, '\n').split('\n');
  const heading = lines.findIndex((line) => /^#+\s*what it does/i.test(line.trim()));
  const paragraph: string[] = [];
  for (const line of lines.slice(heading + 1)) {
    const text = line.trim();
    if (text.startsWith('#') || (text === '' && paragraph.length > 0)) {
      if (paragraph.length > 0) break;
      continue;
    }
    if (text !== '') paragraph.push(text);
  }
  return paragraph.length > 0 ? paragraph.join(' ') : undefined;
}

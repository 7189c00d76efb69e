/**
 * A scan's last step, on the outcomes of every part in path order: roles (a module pipeline
 * code imports is pipeline code), which file findings those roles keep, then the repository
 * rules over the files' summaries. The result does not depend on how the files were split
 * between threads. Pure.
 */
import { allRules } from '../../checks/index.js';
import type { RepoFile, RepoRule, RepoRuleContext, RuleMeta } from '../../checks/types.js';
import type { FileModel, FileRole, Finding, InputFile } from '../model/types.js';
import type { EngineOptions, ScanResult } from './api-types.js';
import { summarize } from '../report/priorities.js';
import { buildModel } from './file-analysis.js';
import { narrowedRole } from './finding-role.js';
import { handRunFiles } from './hand-run.js';
import { compareByLocation, FindingFactory, runGuarded } from './findings.js';
import { createRepoView, indexFiles } from './repo-view.js';
import { onlyUnattended, promoteRoles, roleMatcher, rolesOf } from './roles.js';
import type { ScanIndex } from './scan-index.js';
import { DEFAULT_MAX_FILE_BYTES, type FileOutcome } from './scan-shard.js';
import type { Signal } from './signals.js';

export interface MergedScan {
  findings: Finding[];
  /** The role of every analysed file (src/engine/roles.ts). */
  roles: Map<string, FileRole>;
  /** Notebooks run by hand (src/engine/hand-run.ts). */
  handRun: Set<string>;
  /** Remediation signals per path (for mapping hunks to priorities). */
  signals: Map<string, Signal[]>;
  filesAnalysed: number;
  bytesAnalysed: number;
}

const METAS = new Map<string, RuleMeta>(allRules.map((r) => [r.meta.id, r.meta]));

/** The scan's result from its files' outcomes (in path order) and its repository rules' findings (`repoRuleFindings`). */
export function mergeOutcomes(outcomes: readonly FileOutcome[], options: EngineOptions, repoFindings: readonly Finding[]): MergedScan {
  const findings: Finding[] = outcomes.flatMap((o) => o.direct);
  // Rules judge code by what it is for: no print-logging in a CI script, no watermark in a test.
  const inputs = outcomes.flatMap((o) => o.role ?? []);
  const roles = promoteRoles(inputs, options.roles);
  const handRun = handRunFiles(inputs, roleMatcher(options.roles));
  for (const outcome of outcomes) {
    for (const { rule, finding, marks, unattendedOnly } of outcome.ruled) {
      const meta = METAS.get(rule);
      // Parts of a file can be for something else: generator code, a stream only displayed.
      const role = narrowedRole(roles.get(finding.path) ?? 'pipeline', marks);
      if (!meta || !rolesOf(meta).includes(role)) continue;
      // A person runs the notebook and reads its output: no production code to log from or test.
      if (handRun.has(finding.path) && (unattendedOnly || onlyUnattended(meta))) continue;
      // Set in place: the outcome is the merge's own, and a copy per finding doubles the peak.
      finding.role = role;
      findings.push(finding);
    }
  }
  findings.push(...repoFindings);
  findings.sort(compareByLocation);
  const signals = new Map<string, Signal[]>();
  for (const outcome of outcomes) if (outcome.signals) signals.set(outcome.path, outcome.signals);
  return { findings, roles, handRun, signals, filesAnalysed: outcomes.length, bytesAnalysed: outcomes.reduce((sum, o) => sum + o.bytes, 0) };
}

/** What `Engine.scan` answers, from a merged scan (on this thread or on workers). */
export function scanResultOf(out: MergedScan): ScanResult {
  return { findings: out.findings, summary: summarize(out.findings), roles: out.roles, handRun: out.handRun, filesAnalysed: out.filesAnalysed, bytesAnalysed: out.bytesAnalysed };
}

/** Repository rules read the files' summaries and the job models: no analysis is kept for them. */
export function repoRuleFindings(files: RepoFile[], index: ScanIndex, options: EngineOptions, inputOf: (path: string) => InputFile | undefined): Finding[] {
  const factory = new FindingFactory(options);
  const view = createRepoView({ index: indexFiles(index.code, index.jobs), analysisOf: () => undefined, testIdentifiers: index.testIdentifiers, hasTestSuite: index.hasTestSuite });
  const ctx: RepoRuleContext = { files, repo: view };
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // Built again for the few files repository findings point at: the index keeps no text.
  const modelOf = (path: string): FileModel => {
    const input = inputOf(path);
    return input ? buildModel(input, maxBytes).model : { kind: 'other', path, fileKind: 'other', text: '', lines: [], problems: [] };
  };
  const out: Finding[] = [];
  for (const rule of allRules.filter((r): r is RepoRule => r.kind === 'repo' && factory.enabled(r.meta))) {
    for (const raw of runGuarded(() => rule.check(ctx))) out.push(factory.make(rule.meta, modelOf(raw.path), raw));
  }
  return out;
}

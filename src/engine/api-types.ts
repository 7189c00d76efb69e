/**
 * The engine's public surface, used by the CLI (src/local) and the GitHub App (src/github).
 * Implemented in src/engine/engine.ts.
 */
import type { FileRole, Finding, InputFile, Priority, Severity } from '../model/types.js';
import type { FixSettings } from '../model/fix-types.js';

export interface IgnoreEntry {
  /** `P4`, `P401` or `kafka-unbounded`. */
  selector: string;
  /** Optional glob or path prefix the ignore is limited to. */
  path?: string;
  reason?: string;
}

export interface EngineOptions {
  /** Priorities to report (default all eight). Findings of other priorities are dropped. */
  enabledPriorities?: Priority[];
  /** Severity per rule id or name. */
  severityOverrides?: Record<string, Severity>;
  /** Ignores recorded by `/remediation ignore` or listed in config: matching findings are marked suppressed. */
  ignores?: IgnoreEntry[];
  /** Files larger than this are not analysed (one notice finding instead). Default 5 MB. */
  maxFileBytes?: number;
  /**
   * False when the files are only part of the repository (a pull request's changed files and
   * their context): rules that judge the whole repository, such as its test suite, are skipped.
   */
  wholeRepository?: boolean;
  /**
   * False when the repository's tests are not among the files (a pull request read file by
   * file): rules that look tests up (`needsTests`) are skipped rather than guess.
   */
  testsKnown?: boolean;
  /** Roles by path glob (`roles:` of `.github/remediation.yml`); they win over inferred roles. */
  roles?: Partial<Record<FileRole, string[]>>;
  /** Values of needs-review fixes (`fixes:` of the config); the rule docs' defaults when absent. */
  fixes?: FixSettings;
  /** Give each fix a unified diff of its lines (`preview`), for readers that cannot apply it: the App's annotations. */
  fixPreviews?: boolean;
  /** Called after each file is analysed, for progress reporting. */
  onProgress?: (done: number, total: number, path: string) => void;
}

export interface PrioritySummary {
  open: number;
  suppressed: number;
  resolved: number;
}

export type Summary = Record<'1' | '2' | '3' | '4' | '5' | '6' | '7' | '8', PrioritySummary>;

export interface ScanResult {
  findings: Finding[];
  summary: Summary;
  /** The role of every analysed file, by path. */
  roles?: Map<string, FileRole>;
  /** Notebooks run by hand (src/engine/hand-run.ts): the metrics and testing rules did not judge them. */
  handRun?: Set<string>;
  filesAnalysed: number;
  bytesAnalysed: number;
}

/** A changed hunk of one head file, mapped to the priorities it touches. */
export interface HunkPriorities {
  path: string;
  /** Head lines of the hunk (1-based, inclusive); a pure deletion has newLines 0. */
  newStart: number;
  newLines: number;
  oldStart: number;
  oldLines: number;
  priorities: Priority[];
}

export interface DiffInput {
  base: InputFile[];
  head: InputFile[];
  /** Head path -> base path for renamed files. */
  renames?: Map<string, string>;
}

export interface DiffResult extends ScanResult {
  /** Head findings with status new/existing, then base findings with status resolved. */
  findings: Finding[];
  hunks: HunkPriorities[];
}

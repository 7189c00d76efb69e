/**
 * `remediation fix [PATH...]`: applies the fixes findings carry (safe ones; with
 * `--unsafe-fixes` the needs-review ones too) and writes the files, or with `--diff` prints
 * them as a unified diff instead. Like ruff, fixing runs in passes: a fix that overlapped one
 * taken before it gets its turn on the rescanned text. The engine sees each file's text with
 * the BOM removed and newlines as LF; they are put back when the file is written.
 */
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { EngineOptions } from '../../engine/api-types.js';
import { applyFixes } from '../../engine/apply-fixes.js';
import type { Fix } from '../../model/fix-types.js';
import type { Finding, InputFile } from '../../model/types.js';
import { decodeContent } from '../../model/text.js';
import { isOpen } from '../../report/priorities.js';
import type { CliArgs } from '../args.js';
import type { CliIo, Engine, ExitCode } from '../cli.js';
import { CliError, describeFsError } from '../errors.js';
import { selectFindings, type Selection } from '../select.js';
import { toPosix } from '../walk.js';

/** Enough for fixes that overlap in a chain; ruff stops at 100, fixes here rarely overlap. */
const MAX_PASSES = 10;

export interface FixRunArgs {
  unsafeFixes: boolean;
  diff: boolean;
  selection: Selection;
}

export interface FixOutcome {
  fixed: number;
  remaining: Finding[];
  /** Open findings left whose fix needs `--unsafe-fixes`. */
  hidden: number;
  /** Path -> text before and after, for the files a fix changed. */
  changes: Map<string, { before: string; after: string }>;
}

interface Original {
  raw: string;
  bom: boolean;
  crlf: boolean;
}

type Scan = (files: InputFile[], options: EngineOptions) => { findings: Finding[] };

/** The fixing passes, pure apart from the engine: no file is read or written here. */
export function fixFiles(files: readonly InputFile[], scan: Scan, options: EngineOptions, args: FixRunArgs): FixOutcome {
  const originals = new Map<string, Original>();
  const texts = new Map<string, string>();
  for (const file of files) {
    const raw = typeof file.content === 'string' ? file.content : Buffer.from(file.content).toString('utf8');
    const decoded = decodeContent(file.content);
    if (decoded.binary) continue;
    originals.set(file.path, { raw, bom: raw.charCodeAt(0) === 0xfeff, crlf: raw.includes('\r\n') });
    texts.set(file.path, decoded.text);
  }
  const current = (): InputFile[] => files.map((file) => ({ path: file.path, content: texts.get(file.path) ?? file.content }));
  const wanted = (fix: Fix | undefined): fix is Fix => fix !== undefined && (fix.safety === 'safe' || args.unsafeFixes);
  let fixed = 0;
  let open = openFindings(scan(current(), options).findings, args.selection);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const requests = open.filter((f) => wanted(f.autofix)).map((f) => ({ id: f.fingerprint, fix: f.autofix! }));
    if (requests.length === 0) break;
    const result = applyFixes(texts, requests);
    if (result.applied.length === 0) break;
    fixed += result.applied.length;
    for (const [path, text] of result.texts) texts.set(path, text);
    open = openFindings(scan(current(), options).findings, args.selection);
  }
  const changes = new Map<string, { before: string; after: string }>();
  for (const [path, original] of originals) {
    const after = restore(texts.get(path) ?? '', original);
    if (after !== original.raw) changes.set(path, { before: original.raw, after });
  }
  const hidden = args.unsafeFixes ? 0 : open.filter((f) => f.autofix?.safety === 'needs-review').length;
  return { fixed, remaining: open, hidden, changes };
}

function openFindings(findings: readonly Finding[], selection: Selection): Finding[] {
  return selectFindings(findings, selection).filter(isOpen);
}

/** The file's own BOM and CRLF newlines back on the fixed text. */
function restore(text: string, original: Original): string {
  const lines = original.crlf ? text.split('\n').join('\r\n') : text;
  return original.bom ? `\ufeff${lines}` : lines;
}

/** One unified diff per changed file, paths as `a/...` and `b/...` like git's. */
export function renderDiff(changes: FixOutcome['changes'], displayPath: (path: string) => string): string {
  return [...changes]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, { before, after }]) => withoutBanner(createTwoFilesPatch(`a/${displayPath(path)}`, `b/${displayPath(path)}`, before, after, undefined, undefined, { context: 3 })))
    .join('');
}

/** The `=====` line the package puts above each patch: neither git nor ruff print one. */
function withoutBanner(patch: string): string {
  return patch.startsWith('=') ? patch.slice(patch.indexOf('\n') + 1) : patch;
}

/** `Fixed 3 findings (5 remaining).`, as ruff says it, with the fixes `--unsafe-fixes` would add. */
export function summaryLine(outcome: FixOutcome, dryRun: boolean): string {
  const noun = (n: number): string => `${n} finding${n === 1 ? '' : 's'}`;
  const verb = dryRun ? 'Would fix' : 'Fixed';
  const hidden = outcome.hidden > 0 ? `; ${outcome.hidden} more fixable with --unsafe-fixes` : '';
  return `${verb} ${noun(outcome.fixed)} (${outcome.remaining.length} remaining${hidden}).\n`;
}

/** Writes the changed files under the root; the only place the command touches the disk. */
export async function writeChanges(root: string, changes: FixOutcome['changes']): Promise<void> {
  for (const [path, { after }] of changes) {
    try {
      await writeFile(join(root, path), after);
    } catch (error) {
      throw new CliError('io', `cannot write ${path}: ${describeFsError(error)}`);
    }
  }
}

export interface FixContext {
  io: CliIo;
  /** Folder the files' paths are relative to. */
  root: string;
  files: InputFile[];
  engine: Engine;
  options: EngineOptions;
}

/**
 * Fixes, then writes the files (or prints the diff) and the summary. Exit 1 when open findings
 * remain, and with `--diff` also when a file would change (as ruff's `--diff`), else 0.
 */
export async function runFix(args: Extract<CliArgs, { command: 'fix' }>, { io, root, files, engine, options }: FixContext): Promise<ExitCode> {
  const outcome = fixFiles(files, (input, opts) => engine.scan(input, opts), options, args);
  if (args.diff) {
    io.stdout(renderDiff(outcome.changes, (path) => toPosix(relative(io.cwd, join(root, path)))));
    io.stderr(summaryLine(outcome, true));
  } else {
    await writeChanges(root, outcome.changes);
    if (!args.quiet) io.stdout(summaryLine(outcome, false));
  }
  if (args.exitZero) return 0;
  return outcome.remaining.length > 0 || (args.diff && outcome.changes.size > 0) ? 1 : 0;
}

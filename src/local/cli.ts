/**
 * `remediation scan` / `remediation diff`: the local face of the engine.
 * `main` takes its I/O as arguments so tests run it in-process; `runCli` binds
 * it to the real process.
 */
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { createEngine } from '../engine/engine.js';
import type { EngineOptions, ScanResult } from '../engine/api-types.js';
import { CANNOT_ANALYSE } from '../engine/engine-rules.js';
import type { FileRole, Finding, InputFile } from '../model/types.js';
import { atOrAbove, isOpen } from '../report/priorities.js';
import type { ReportMode } from '../report/render-json.js';
import { USAGE, parseCliArgs, type CliArgs, type Concurrency, type FailOn } from './args.js';
import { CliError, describeFsError } from './errors.js';
import { GitCommandError } from './git.js';
import { createProgress } from './progress.js';
import { packageVersion } from './resources.js';
import type { LocalConfig } from './load-config.js';
import { useColor } from './color.js';
import { checkSelection, selectFindings } from './select.js';
import type { ReadStdin } from './stdin.js';
import { limitHeapGrowth } from '../heap-growth.js';

export type Engine = Awaited<ReturnType<typeof createEngine>>;

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  stderrColumns?: number;
  /** Replaces the real engine (tests). */
  createEngine?: () => Promise<Engine>;
  now?: () => number;
  /** Standard input for `scan -` (tests); the process's by default. */
  readStdin?: ReadStdin;
}

export type ExitCode = 0 | 1 | 2;

export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    return await run(parseCliArgs(argv), io);
  } catch (error) {
    if (error instanceof CliError) {
      const hint = error.kind === 'usage' ? " (see 'remediation --help')" : '';
      io.stderr(`remediation: ${error.message}${hint}\n`);
      return 2;
    }
    if (error instanceof GitCommandError) {
      io.stderr(`remediation: ${error.message}\n`);
      return 2;
    }
    // A bug, not a user error: still one line, the stack only on request.
    const detail = io.env?.REMEDIATION_DEBUG && error instanceof Error ? `\n${error.stack}` : '';
    io.stderr(`remediation: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\n`);
    return 2;
  }
}

async function run(args: CliArgs, io: CliIo): Promise<ExitCode> {
  if (args.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    io.stdout(`${await packageVersion()}\n`);
    return 0;
  }
  if (args.command === 'rules' || args.command === 'explain') {
    const { infoText } = await import('./commands/info.js');
    await emit(await infoText(args, io.env ?? {}), args.command === 'rules' ? args.output : undefined, io);
    return 0;
  }
  // Loaded past `--version` and `--help`, which need none of them (start-up time).
  const [config, { collectScanFiles, scanRoot, toPosix }, { renderReport }, { STDIN_ENGINE_OPTIONS, readProcessStdin, readStdinInput }] = await Promise.all([
    import('../config.js'),
    import('./walk.js'),
    import('./output.js'),
    import('./stdin.js'),
  ]);
  // Before any file is read: a mistyped rule fails fast.
  args = { ...args, selection: await checkSelection(args.selection) };
  // --quiet: the report alone; errors still reach stderr (main prints them with its own io).
  if (args.quiet) io = { ...io, stderr: () => undefined };

  const progress = createProgress({
    isTTY: io.stderrIsTTY ?? false,
    write: io.stderr,
    columns: io.stderrColumns,
    now: io.now,
  });
  const loadEngine = io.createEngine ?? (async () => (await import('../engine/engine.js')).createEngine());
  if (args.command === 'fix') {
    const root = await scanRoot(args.paths, io.cwd);
    const loaded = await readConfig(args, root, io);
    const input = await collectScanFiles(args.paths, { cwd: io.cwd, exclude: args.exclude, root, keep: analysedPaths(loaded, root, config, toPosix) });
    const { runFix } = await import('./commands/fix.js');
    return runFix(args, { io, root, files: input.files, engine: await loadEngine(), options: config.engineOptions(loaded.config) });
  }
  let findings: Finding[];
  let roles: ReadonlyMap<string, FileRole> | undefined;
  let files: number;
  let root: string;
  let loaded: LocalConfig;
  try {
    // Gather before loading the engine (the parser takes a moment): a bad path or config fails fast.
    if (args.command === 'scan') {
      root = args.stdin ? resolve(io.cwd) : await scanRoot(args.paths, io.cwd);
      loaded = await readConfig(args, root, io);
      const options: EngineOptions = { ...config.engineOptions(loaded.config), ...(args.stdin ? STDIN_ENGINE_OPTIONS : {}), onProgress: progress.onProgress };
      const input = args.stdin
        ? await readStdinInput(args.stdin.filename, io.cwd, io.readStdin ?? readProcessStdin)
        : await collectScanFiles(args.paths, { cwd: io.cwd, exclude: args.exclude, root, keep: analysedPaths(loaded, root, config, toPosix) });
      ({ findings, roles } = await scanInput(input.files, options, args.concurrency, io, loadEngine));
      files = input.files.length;
      // Unusable input is said, not passed off as a clean result.
      for (const path of input.skipped) io.stderr(`remediation: warning: ${path} is not a file the engine reads (notebooks, Python, SQL, job JSON, bundle YAML); skipped\n`);
      if (files === 0) io.stderr(`remediation: warning: no files to analyse in ${args.paths.join(', ')}\n`);
    } else {
      // git plumbing is only needed by `diff`.
      const { collectDiffInput, diffRepositoryTop } = await import('./diff-input.js');
      root = await diffRepositoryTop({ cwd: io.cwd, repo: args.repo });
      // One config for both sides: the working tree's, so a change to it does not read as new findings.
      loaded = await readConfig(args, root, io);
      const options: EngineOptions = { ...config.engineOptions(loaded.config), onProgress: progress.onProgress };
      const gather = { cwd: io.cwd, top: root, base: args.base, head: args.head, exclude: args.exclude, keep: analysedPaths(loaded, root, config, toPosix) };
      const diffInput = await collectDiffInput(gather);
      ({ findings, roles } = await (await loadEngine()).diff(diffInput.input, options));
      files = diffInput.input.head.length;
    }
  } finally {
    progress.stop();
  }

  findings = selectFindings(findings, args.selection);
  const color = useColor({ format: args.format, output: args.output, stdoutIsTTY: io.stdoutIsTTY ?? false, env: io.env ?? {} });
  const displayPath = (path: string): string => toPosix(relative(io.cwd, join(root, path))) || '.';
  const newOnly = args.command === 'diff' && args.newOnly;
  const report = await renderReport(args.format, findings, { mode: args.command, color, files, displayPath, newOnly, statistics: args.statistics, quiet: args.quiet, showFixes: args.showFixes, env: io.env, ...(roles ? { roles } : {}) });
  await emit(report, args.output, io);
  return args.exitZero ? 0 : exitCode(findings, args.failOn ?? loaded.config.failOn, args.command);
}

async function readConfig(args: Extract<CliArgs, { command: 'scan' | 'diff' | 'fix' }>, root: string, io: CliIo): Promise<LocalConfig> {
  const { loadLocalConfig } = await import('./load-config.js');
  const loaded = await loadLocalConfig({ cwd: io.cwd, root, file: args.config || undefined, disabled: args.config === false });
  for (const warning of loaded.warnings) io.stderr(`remediation: warning: ${warning}\n`);
  return loaded;
}

/** The config's `paths`, minus the config file itself: it configures the analysis, it is not a bundle file. */
function analysedPaths(loaded: LocalConfig, root: string, { pathFilter, CONFIG_PATH }: typeof import('../config.js'), toPosix: (path: string) => string): (path: string) => boolean {
  const wanted = pathFilter(loaded.config);
  const own = loaded.file ? toPosix(relative(root, loaded.file)) : undefined;
  return (path) => path !== CONFIG_PATH && path !== own && wanted(path);
}

/**
 * 1 when an open finding is at or above the threshold: suppressed and resolved ones never fail
 * a run, nor, in a diff, existing ones (the change did not add them). A file that cannot be
 * analysed (P000) fails at every level, as a syntax error does in a linter.
 */
export function exitCode(findings: readonly Finding[], failOn: FailOn, mode: ReportMode = 'scan'): ExitCode {
  const blocking = (finding: Finding): boolean => finding.rule === CANNOT_ANALYSE.id || (failOn !== 'problem' && atOrAbove(finding.severity, failOn));
  const added = (finding: Finding): boolean => mode === 'scan' || (finding.status ?? 'new') === 'new';
  return findings.some((finding) => isOpen(finding) && added(finding) && blocking(finding)) ? 1 : 0;
}

async function emit(report: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output === undefined) {
    io.stdout(report);
    return;
  }
  try {
    await writeFile(resolve(io.cwd, output), report);
  } catch (error) {
    throw new CliError('io', `cannot write ${output}: ${describeFsError(error)}`);
  }
}

export async function runCli(argv: readonly string[] = process.argv.slice(2)): Promise<ExitCode> {
  limitHeapGrowth();
  // `remediation scan | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return main(argv, {
    cwd: process.cwd(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.columns,
  });
}

// Run directly (`tsx src/local/cli.ts scan .`) as well as through bin/remediation.js.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runCli();
}

/**
 * On worker threads when the input is large enough (src/local/scan-threads.ts); on this thread
 * otherwise, or when an engine was handed in (tests), or when a worker failed.
 */
async function scanInput(files: InputFile[], options: EngineOptions, concurrency: Concurrency, io: CliIo, loadEngine: () => Promise<Engine>): Promise<Pick<ScanResult, 'findings' | 'roles'>> {
  const { threadCount, scanOnThreads } = await import('./scan-threads.js');
  const threads = io.createEngine ? 1 : threadCount(concurrency, files);
  if (threads > 1) {
    try {
      return await scanOnThreads(files, options, threads);
    } catch (error) {
      io.stderr(`remediation: warning: the scan on ${threads} threads failed (${error instanceof Error ? error.message : 'unknown error'}); scanning on one thread\n`);
    }
  }
  return (await loadEngine()).scan(files, options);
}

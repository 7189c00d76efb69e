/**
 * `remediation scan` / `remediation diff`: the local face of the engine.
 * `main` takes its I/O as arguments so tests run it in-process; `runCli` binds
 * it to the real process.
 */
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine } from '../engine/engine.js';
import type { EngineOptions } from '../engine/api-types.js';
import type { Finding, Severity } from '../model/types.js';
import { atOrAbove, isOpen } from '../report/priorities.js';
import { USAGE, parseCliArgs, type CliArgs } from './args.js';
import { CliError, describeFsError } from './errors.js';
import { renderReport } from './output.js';
import { GitCommandError } from './git.js';
import { createProgress } from './progress.js';
import { packageVersion } from './resources.js';
import { collectScanFiles, toPosix } from './walk.js';
import { useColor } from './color.js';
import { infoText } from './commands/info.js';
import { selectFindings } from './select.js';
import { STDIN_ENGINE_OPTIONS, readProcessStdin, readStdinInput, type ReadStdin } from './stdin.js';

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
    await emit(await infoText(args, io.env ?? {}), args.command === 'rules' ? args.output : undefined, io);
    return 0;
  }
  // --quiet: the report alone; errors still reach stderr (main prints them with its own io).
  if (args.quiet) io = { ...io, stderr: () => undefined };

  const progress = createProgress({
    isTTY: io.stderrIsTTY ?? false,
    write: io.stderr,
    columns: io.stderrColumns,
    now: io.now,
  });
  const stdinView = args.command === 'scan' && args.stdin ? STDIN_ENGINE_OPTIONS : {};
  const options: EngineOptions = { ...stdinView, onProgress: progress.onProgress };
  const loadEngine = io.createEngine ?? createEngine;
  let findings: Finding[];
  let files: number;
  let root: string;
  try {
    // Gather before loading the engine (the parser takes a moment): a bad path fails fast.
    if (args.command === 'scan') {
      const input = args.stdin
        ? await readStdinInput(args.stdin.filename, io.cwd, io.readStdin ?? readProcessStdin)
        : await collectScanFiles(args.paths, { cwd: io.cwd, exclude: args.exclude });
      findings = (await (await loadEngine()).scan(input.files, options)).findings;
      files = input.files.length;
      root = input.root;
      // Unusable input is said, not passed off as a clean result.
      for (const path of input.skipped) io.stderr(`remediation: warning: ${path} is not a file the engine reads (notebooks, Python, SQL, job JSON, bundle YAML); skipped\n`);
      if (files === 0) io.stderr(`remediation: warning: no files to analyse in ${args.paths.join(', ')}\n`);
    } else {
      // git plumbing is only needed by `diff`.
      const { collectDiffInput } = await import('./diff-input.js');
      const diffInput = await collectDiffInput({ cwd: io.cwd, repo: args.repo, base: args.base, head: args.head, exclude: args.exclude });
      findings = (await (await loadEngine()).diff(diffInput.input, options)).findings;
      files = diffInput.input.head.length;
      root = diffInput.root;
    }
  } finally {
    progress.stop();
  }

  findings = selectFindings(findings, args.selection);
  const color = useColor({ format: args.format, output: args.output, stdoutIsTTY: io.stdoutIsTTY ?? false, env: io.env ?? {} });
  const displayPath = (path: string): string => toPosix(relative(io.cwd, join(root, path))) || '.';
  const report = await renderReport(args.format, findings, { mode: args.command, color, files, displayPath, statistics: args.statistics, quiet: args.quiet, env: io.env });
  await emit(report, args.output, io);
  return args.exitZero ? 0 : exitCode(findings, args.failOn);
}

/** 1 when an open finding is at or above the threshold: suppressed and resolved ones never fail a run. */
function exitCode(findings: readonly Finding[], failOn: Severity): ExitCode {
  return findings.some((finding) => isOpen(finding) && atOrAbove(finding.severity, failOn)) ? 1 : 0;
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

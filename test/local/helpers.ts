import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliIo, Engine } from '../../src/local/cli.js';
import { main } from '../../src/local/cli.js';
import type { DiffInput, EngineOptions } from '../../src/engine/api-types.js';
import type { Finding, InputFile } from '../../src/model/types.js';
import { summarize } from '../../src/report/priorities.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd: string, extra: Partial<CliIo> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: {},
    ...extra,
  });
  return { code, stdout, stderr };
}

export function makeTempDir(prefix = 'remediation-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes `{ relativePath: content }` under `root`, creating folders. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args],
    { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

export function textOf(file: InputFile): string {
  return typeof file.content === 'string' ? file.content : Buffer.from(file.content).toString('utf8');
}

export interface RecordingEngine {
  engine: Engine;
  scans: { files: InputFile[]; options?: EngineOptions }[];
  diffs: { input: DiffInput; options?: EngineOptions }[];
}

/**
 * Stands in for the engine so walking and gathering can be checked whatever
 * the rules find: one finding per file whose text contains `FLAG:<severity>`.
 */
export function recordingEngine(): RecordingEngine {
  const scans: RecordingEngine['scans'] = [];
  const diffs: RecordingEngine['diffs'] = [];
  const flagged = (files: InputFile[], options?: EngineOptions): Finding[] =>
    files.flatMap((file, i) => {
      options?.onProgress?.(i + 1, files.length, file.path);
      const match = /FLAG:(failure|warning|notice)(:suppressed)?/.exec(textOf(file));
      if (!match) return [];
      const severity = match[1] as Finding['severity'];
      return [
        {
          priority: 4,
          rule: 'P401',
          name: 'kafka-unbounded',
          path: file.path,
          line: 1,
          endLine: 1,
          column: 1,
          severity,
          message: `flagged ${severity}`,
          fix: 'unflag it',
          fingerprint: `fp-${file.path}`,
          identity: `fp-${file.path}`,
          suppressed: match[2] !== undefined,
        },
      ];
    });
  const engine: Engine = {
    scan(files, options) {
      scans.push({ files, options });
      const findings = flagged(files, options);
      return { findings, summary: summarize(findings), filesAnalysed: files.length, bytesAnalysed: 0 };
    },
    diff(input, options) {
      diffs.push({ input, options });
      const findings = flagged(input.head, options).map((f) => ({ ...f, status: 'new' as const }));
      return { findings, summary: summarize(findings), filesAnalysed: input.head.length, bytesAnalysed: 0, hunks: [] };
    },
  };
  return { engine, scans, diffs };
}

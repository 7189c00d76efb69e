/**
 * The engine: loads the Python grammar once, then scans file sets or relates two
 * versions of one. Everything after loading is pure.
 */
import type { InputFile } from '../model/types.js';
import { summarize } from '../report/priorities.js';
import { loadPythonParser, type PythonParser } from '../model/python-parser.js';
import { decodeContent } from '../model/text.js';
import { changeBetween, type FileChange } from '../diff/hunks.js';
import { classify, hunkPriorities } from '../diff/relate.js';
import type { DiffInput, DiffResult, EngineOptions, ScanResult } from './api-types.js';
import { fingerprintOf } from './fingerprint.js';
import { DEFAULT_MAX_FILE_BYTES, scanFiles, type ScanOutput } from './scan.js';
import { diffRuleFindings } from './diff-rules.js';
import { scanResultOf } from './scan-merge.js';

export interface Engine {
  scan(files: InputFile[], options?: EngineOptions): ScanResult;
  diff(input: DiffInput, options?: EngineOptions): DiffResult;
}

export async function createEngine(): Promise<Engine> {
  const parser = await loadPythonParser();
  return {
    scan: (files, options) => scan(parser, files, options),
    diff: (input, options) => diff(parser, input, options),
  };
}

function scan(parser: PythonParser, files: InputFile[], options: EngineOptions = {}): ScanResult {
  return scanResultOf(scanFiles(parser, files, options));
}

function textOf(file: InputFile): string {
  return decodeContent(file.content).text;
}

function byteLength(file: InputFile): number {
  return typeof file.content === 'string' ? Buffer.byteLength(file.content) : file.content.byteLength;
}

/** Base findings of renamed files, under their head names. */
function renamed(out: ScanOutput, headNameOf: Map<string, string>): ScanOutput {
  if (headNameOf.size === 0) return out;
  const findings = out.findings.map((f) => {
    const path = headNameOf.get(f.path);
    return path === undefined ? f : { ...f, path, fingerprint: fingerprintOf(path, f.identity) };
  });
  const signals = new Map([...out.signals].map(([path, list]) => [headNameOf.get(path) ?? path, list]));
  return { ...out, findings, signals };
}

function diff(parser: PythonParser, input: DiffInput, options: EngineOptions = {}): DiffResult {
  const renames = input.renames ?? new Map<string, string>();
  const headNameOf = new Map<string, string>([...renames].map(([head, base]) => [base, head]));
  // Base files are analysed under their own names (so the base's job bindings and `%run`
  // includes hold), then their findings are carried to the head names: a finding's identity
  // leaves the path out, so a renamed file's findings keep their fingerprints.
  const base = input.base;
  const baseByPath = new Map(base.map((f) => [headNameOf.get(f.path) ?? f.path, f]));
  const changes = new Map<string, FileChange>();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for (const file of input.head) {
    // A file over the size limit is not analysed, so it is not decoded or diffed either.
    if (byteLength(file) > maxBytes) continue;
    const before = baseByPath.get(file.path);
    const headText = textOf(file);
    const baseText = before && byteLength(before) <= maxBytes ? textOf(before) : undefined;
    if (baseText === headText) continue;
    changes.set(file.path, changeBetween(baseText, headText));
  }
  const changedLine = (path: string, line: number): boolean => changes.get(path)?.added.has(line) ?? false;
  const baseOut = renamed(scanFiles(parser, base, { ...options, onProgress: undefined }, { keepAnalyses: true }), headNameOf);
  const headOut = scanFiles(parser, input.head, options, { changedLine, keepAnalyses: true });
  const headFindings = [...headOut.findings, ...diffRuleFindings(baseOut, headOut, options, (path) => renames.get(path) ?? path)];
  const findings = classify(baseOut.findings, headFindings, changes);
  const hunks = hunkPriorities({
    changes,
    findings,
    headSignals: headOut.signals,
    baseSignals: baseOut.signals,
    basePathOf: (path) => path,
  });
  return {
    findings,
    summary: summarize(findings),
    hunks,
    roles: headOut.roles,
    handRun: headOut.handRun,
    filesAnalysed: headOut.filesAnalysed,
    bytesAnalysed: headOut.bytesAnalysed,
  };
}

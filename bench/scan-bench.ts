/**
 * Scan throughput against its floor: the same corpus scanned by the engine, and only
 * parsed by tree-sitter (exactly the Python the engine parses, nothing else).
 */
import type { InputFile } from '../src/model/types.js';
import type { Engine } from '../src/engine/engine.js';
import { buildModel } from '../src/engine/file-analysis.js';
import type { PythonParser } from '../src/model/python-parser.js';

export interface ScanFigures {
  corpus: string;
  files: number;
  megabytes: number;
  scanMs: number;
  parseOnlyMs: number;
  filesPerSecond: number;
  megabytesPerSecond: number;
  ratio: number;
  findings: number;
  peakRssMb: number;
}

const bytesOf = (f: InputFile): number => (typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.byteLength);

export function pythonTexts(files: InputFile[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const analysed = buildModel(file, Number.MAX_SAFE_INTEGER);
    if (analysed.model.kind === 'code' && analysed.model.python) out.push(analysed.model.python.text);
  }
  return out;
}

export function parseOnly(parser: PythonParser, texts: string[]): number {
  const start = performance.now();
  for (const text of texts) parser.parse(text)?.delete();
  return performance.now() - start;
}

export function measureScan(name: string, engine: Engine, parser: PythonParser, files: InputFile[], peak: () => number): ScanFigures {
  const megabytes = files.reduce((n, f) => n + bytesOf(f), 0) / 1e6;
  const texts = pythonTexts(files);
  parseOnly(parser, texts.slice(0, 20));
  const parseOnlyMs = parseOnly(parser, texts);
  const start = performance.now();
  const result = engine.scan(files);
  const scanMs = performance.now() - start;
  return {
    corpus: name,
    files: files.length,
    megabytes: round(megabytes),
    scanMs: Math.round(scanMs),
    parseOnlyMs: Math.round(parseOnlyMs),
    filesPerSecond: Math.round(files.length / (scanMs / 1000)),
    megabytesPerSecond: round(megabytes / (scanMs / 1000)),
    ratio: round(scanMs / parseOnlyMs),
    findings: result.findings.length,
    peakRssMb: Math.round(peak() / 1e6),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export interface DiffFigures {
  corpus: string;
  files: number;
  changedFiles: number;
  diffMs: number;
  filesPerSecond: number;
  newFindings: number;
  resolvedFindings: number;
  hunks: number;
}

/** Diff mode: base and head of the same corpus, `head` having some files changed. */
export function measureDiff(name: string, engine: Engine, base: InputFile[], head: InputFile[]): DiffFigures {
  const changed = head.filter((f, i) => f.content !== base[i]?.content).length;
  const start = performance.now();
  const result = engine.diff({ base, head });
  const diffMs = performance.now() - start;
  return {
    corpus: name,
    files: head.length,
    changedFiles: changed,
    diffMs: Math.round(diffMs),
    filesPerSecond: Math.round((base.length + head.length) / (diffMs / 1000)),
    newFindings: result.findings.filter((f) => f.status === 'new').length,
    resolvedFindings: result.findings.filter((f) => f.status === 'resolved').length,
    hunks: result.hunks.length,
  };
}

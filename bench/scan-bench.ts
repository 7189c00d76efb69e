/**
 * Scan time against its floor. The floor is what any analysis of the same files must at least
 * do: parse every Python text the engine parses with tree-sitter, `JSON.parse` every JSON and
 * `.ipynb` file, and parse every YAML file.
 */
import { parseAllDocuments } from 'yaml';
import type { Finding, InputFile } from '../src/model/types.js';
import type { Engine } from '../src/engine/engine.js';
import { buildModel } from '../src/engine/file-analysis.js';
import { DEFAULT_MAX_FILE_BYTES } from '../src/engine/scan.js';
import type { PythonParser } from '../src/model/python-parser.js';
import type { RowInput } from './rows.js';

export interface Timing {
  runs: number;
  medianMs: number;
  minMs: number;
}

export interface FloorInputs {
  python: string[];
  json: string[];
  yaml: string[];
  files: number;
  megabytes: number;
}

const textOf = (f: InputFile): string => (typeof f.content === 'string' ? f.content : Buffer.from(f.content).toString('utf8'));
const bytesOf = (f: InputFile): number => (typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.byteLength);

export function filesOf(input: RowInput): InputFile[] {
  return input.kind === 'scan' ? input.files : [...input.base, ...input.head];
}

export function floorInputs(input: RowInput): FloorInputs {
  const files = filesOf(input);
  const out: FloorInputs = { python: [], json: [], yaml: [], files: files.length, megabytes: round(files.reduce((n, f) => n + bytesOf(f), 0) / 1e6) };
  for (const file of files) {
    if (bytesOf(file) > DEFAULT_MAX_FILE_BYTES) continue;
    if (/\.(json|ipynb)$/i.test(file.path)) out.json.push(textOf(file));
    else if (/\.ya?ml$/i.test(file.path)) out.yaml.push(textOf(file));
    const analysed = buildModel(file, DEFAULT_MAX_FILE_BYTES);
    if (analysed.model.kind === 'code' && analysed.model.python) out.python.push(analysed.model.python.text);
  }
  return out;
}

export function runFloor(parser: PythonParser, floor: FloorInputs): number {
  const start = performance.now();
  for (const text of floor.python) parser.parse(text)?.delete();
  for (const text of floor.json) {
    try {
      JSON.parse(text);
    } catch {
      // an unparseable file costs its attempt
    }
  }
  for (const text of floor.yaml) parseAllDocuments(text);
  return performance.now() - start;
}

export function runRow(engine: Engine, input: RowInput): { findings: Finding[] } {
  return input.kind === 'scan' ? engine.scan(input.files) : engine.diff({ base: input.base, head: input.head });
}

export function summary(ms: readonly number[]): Timing {
  const sorted = [...ms].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { runs: ms.length, medianMs: Math.round(median), minMs: Math.round(sorted[0]) };
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

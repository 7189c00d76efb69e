// Placeholder: the real engine lands shortly with the same exports.
import type { InputFile } from '../model/types.js';
import type { DiffInput, DiffResult, EngineOptions, ScanResult, Summary } from './api-types.js';

export interface Engine {
  scan(files: InputFile[], options?: EngineOptions): ScanResult;
  diff(input: DiffInput, options?: EngineOptions): DiffResult;
}

export function emptySummary(): Summary {
  const s = {} as Summary;
  for (const p of ['1', '2', '3', '4', '5', '6', '7', '8'] as const) s[p] = { open: 0, suppressed: 0, resolved: 0 };
  return s;
}

export async function createEngine(): Promise<Engine> {
  return {
    scan: () => ({ findings: [], summary: emptySummary(), filesAnalysed: 0, bytesAnalysed: 0 }),
    diff: () => ({ findings: [], summary: emptySummary(), filesAnalysed: 0, bytesAnalysed: 0, hunks: [] }),
  };
}

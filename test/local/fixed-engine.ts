import type { Engine } from '../../src/local/cli.js';
import type { EngineOptions } from '../../src/engine/api-types.js';
import type { Finding, InputFile } from '../../src/model/types.js';
import { summarize } from '../../src/report/priorities.js';

export interface FixedEngine {
  createEngine: () => Promise<Engine>;
  scans: { files: InputFile[]; options?: EngineOptions }[];
}

/** An engine that finds the same findings in any input, and records what it was given. */
export function fixedEngine(findings: Finding[]): FixedEngine {
  const scans: FixedEngine['scans'] = [];
  const engine: Engine = {
    scan: (files, options) => {
      scans.push({ files, options });
      return { findings, summary: summarize(findings), filesAnalysed: files.length, bytesAnalysed: 0 };
    },
    diff: (input) => ({ findings, summary: summarize(findings), filesAnalysed: input.head.length, bytesAnalysed: 0, hunks: [] }),
  };
  return { createEngine: async () => engine, scans };
}

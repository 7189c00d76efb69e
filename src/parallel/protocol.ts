/** Messages between a scan and its worker threads (src/parallel/scan-worker.ts). Plain data only. */
import type { EngineOptions } from '../engine/api-types.js';
import type { IndexPart } from '../engine/scan-index.js';
import type { FileOutcome } from '../engine/scan-shard.js';
import type { JobsModel } from '../model/types.js';
import type { IndexedFile } from '../engine/repo-view.js';
import type { InputTable } from './input-table.js';

/** What a worker gets of the engine options: functions do not cross threads. */
export type WorkerOptions = Omit<EngineOptions, 'onProgress'>;

export interface WorkerIndex {
  code: IndexedFile[];
  jobs: JobsModel[];
  testIdentifiers: string[];
  hasTestSuite: boolean;
}

export type ToWorker =
  | { type: 'load'; table: InputTable; options: WorkerOptions }
  | { type: 'index'; batch: number; paths: string[] }
  | { type: 'analyse'; batch: number; paths: string[]; index?: WorkerIndex }
  | { type: 'unload' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'index'; batch: number; part: IndexPart }
  | { type: 'file'; path: string }
  | { type: 'outcomes'; batch: number; outcomes: FileOutcome[] }
  | { type: 'failed'; message: string };

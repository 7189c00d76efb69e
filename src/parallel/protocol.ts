/** Messages between a scan and its worker threads (src/parallel/scan-worker.ts). Plain data only. */
import type { EngineOptions } from '../engine/api-types.js';
import type { IndexPart } from '../engine/scan-index.js';
import type { FileOutcome } from '../engine/scan-shard.js';
import type { Finding } from '../model/types.js';
import type { RepoFile } from '../../checks/types.js';
import type { IndexedFile } from '../engine/repo-view.js';
import type { InputTable } from './input-table.js';

/** What a worker gets of the engine options: functions do not cross threads. */
export type WorkerOptions = Omit<EngineOptions, 'onProgress'>;

/** The scan's index without its job models: each worker builds them from the shared inputs. */
export interface WorkerIndex {
  code: IndexedFile[];
  jobPaths: string[];
  testIdentifiers: string[];
  hasTestSuite: boolean;
}

export type ToWorker =
  /** `scan` tags every reply until the next load: a worker released while busy answers the last scan, not the next. */
  | { type: 'load'; scan: number; table: InputTable; options: WorkerOptions }
  | { type: 'index'; batch: number; paths: string[] }
  | { type: 'analyse'; batch: number; paths: string[]; index?: WorkerIndex }
  /** The repository rules, on a worker that was sent the index. */
  | { type: 'repo'; files: RepoFile[] }
  | { type: 'unload' };

/** A worker's messages, tagged with the scan of its last load (0 before any). */
export type FromWorker = { scan: number } & WorkerReply;

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'index'; batch: number; part: IndexPart }
  | { type: 'file'; path: string }
  | { type: 'outcomes'; batch: number; outcomes: FileOutcome[] }
  | { type: 'repo'; findings: Finding[] }
  | { type: 'failed'; message: string };

/**
 * A worker thread of a parallel scan: its own Python parser, the scan's input files (shared,
 * not copied), and the engine's index and analysis passes run on the batches it is given.
 * Batches of one scan reuse what the thread learnt of the other files (src/engine/scan-shard.ts).
 */
import { parentPort } from 'node:worker_threads';
import { loadPythonParser } from '../model/python-parser.js';
import { indexPart, jobsOf, type ScanIndex } from '../engine/scan-index.js';
import { repoRuleFindings } from '../engine/scan-merge.js';
import { createShard, DEFAULT_MAX_FILE_BYTES, type Shard } from '../engine/scan-shard.js';
import type { InputFile } from '../model/types.js';
import { unpackInputs } from './input-table.js';
import type { ToWorker, WorkerOptions, WorkerReply } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('scan-worker runs as a worker thread');
const parser = await loadPythonParser();
let inputs = new Map<string, InputFile>();
let options: WorkerOptions = {};
let shard: Shard | undefined;
let index: ScanIndex | undefined;
let scan = 0;

const maxBytes = (): number => options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
const send = (message: WorkerReply): void => port.postMessage({ ...message, scan });
const inputsOf = (paths: readonly string[]): InputFile[] => paths.flatMap((path) => inputs.get(path) ?? []);

port.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'load') {
      scan = message.scan;
      inputs = unpackInputs(message.table);
      options = message.options;
      shard = undefined;
      index = undefined;
    } else if (message.type === 'unload') {
      inputs = new Map();
      shard = undefined;
      index = undefined;
    } else if (message.type === 'index') {
      send({ type: 'index', batch: message.batch, part: indexPart(parser, inputsOf(message.paths), maxBytes(), false) });
    } else if (message.type === 'repo') {
      if (!index) throw new Error('repository rules before the index was sent');
      send({ type: 'repo', findings: repoRuleFindings(message.files, index, options, (path) => inputs.get(path)) });
    } else {
      if (message.index) {
        const { testIdentifiers, jobPaths, ...rest } = message.index;
        index = { ...rest, jobPaths, jobs: jobsOf(jobPaths, (path) => inputs.get(path), maxBytes()), testIdentifiers: new Set(testIdentifiers) };
        shard = createShard({ parser, options, index, inputOf: (path) => inputs.get(path), onFile: (path) => send({ type: 'file', path }) });
      }
      if (!shard) throw new Error('analyse before the index was sent');
      send({ type: 'outcomes', batch: message.batch, outcomes: shard.run(message.paths) });
    }
  } catch (error) {
    // Only the message: a stack or the input could carry a file's content.
    send({ type: 'failed', message: error instanceof Error ? error.message : 'worker failed' });
  }
});
send({ type: 'ready' });

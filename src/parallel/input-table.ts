/**
 * A scan's input files in a form every worker thread can read without a copy each: the bytes
 * of all files in one SharedArrayBuffer, and a table of where each file's bytes are. Files given
 * as strings stay strings (copied to each worker): decoding them as bytes could differ.
 */
import type { InputFile } from '../model/types.js';

export type InputEntry = { path: string; offset: number; length: number } | { path: string; text: string };

export interface InputTable {
  bytes: SharedArrayBuffer;
  entries: InputEntry[];
}

export function packInputs(files: readonly InputFile[]): InputTable {
  let total = 0;
  for (const file of files) if (typeof file.content !== 'string') total += file.content.byteLength;
  const bytes = new SharedArrayBuffer(total);
  const view = new Uint8Array(bytes);
  let offset = 0;
  const entries = files.map((file): InputEntry => {
    if (typeof file.content === 'string') return { path: file.path, text: file.content };
    view.set(file.content, offset);
    const entry = { path: file.path, offset, length: file.content.byteLength };
    offset += file.content.byteLength;
    return entry;
  });
  return { bytes, entries };
}

/** The files of a table by path; the bytes are views into the shared buffer, not copies. */
export function unpackInputs(table: InputTable): Map<string, InputFile> {
  const out = new Map<string, InputFile>();
  for (const entry of table.entries) {
    const content = 'text' in entry ? entry.text : new Uint8Array(table.bytes, entry.offset, entry.length);
    out.set(entry.path, { path: entry.path, content });
  }
  return out;
}

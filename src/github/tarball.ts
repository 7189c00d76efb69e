/**
 * Reads the files wanted out of a GitHub tarball (gzip'd POSIX tar, as produced by
 * `git archive`: one top folder `owner-repo-sha/`, pax headers for long paths). Pure.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;
/** Refuse to inflate more than this: a tarball bigger than the tree promised is not trusted. */
export const MAX_TARBALL_BYTES = 512 * 1024 * 1024;

export interface TarFile {
  path: string;
  content: string;
  /** Git's blob id of the bytes: the SHA a tree or a PR file list gives for this content. */
  sha: string;
  size: number;
}

/** Files whose repository path (top folder stripped) passes `want`. */
export function extractTarball(gzipped: Uint8Array, want: (path: string) => boolean): TarFile[] {
  const tar = gunzipSync(gzipped, { maxOutputLength: MAX_TARBALL_BYTES });
  const files: TarFile[] = [];
  const decoder = new TextDecoder('utf-8');
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = parseInt(cString(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const data = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      longName = paxPath(decoder.decode(data)) ?? longName;
      continue;
    }
    if (type === 'L') {
      longName = decoder.decode(data).replace(/\0.*$/s, '');
      continue;
    }
    const prefix = cString(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${cString(header, 0, 100)}` : cString(header, 0, 100));
    longName = undefined;
    if (type !== '0') continue;
    const path = name.split('/').slice(1).join('/');
    if (path && want(path)) files.push({ path, content: decoder.decode(data), sha: gitBlobSha(data), size: data.length });
  }
  return files;
}

/** https://git-scm.com/book/en/v2/Git-Internals-Git-Objects#_object_storage */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function cString(block: Uint8Array, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const end = slice.indexOf(0);
  return Buffer.from(end === -1 ? slice : slice.subarray(0, end)).toString('utf8');
}

/** Pax records are `<length> <key>=<value>\n`. */
function paxPath(records: string): string | undefined {
  for (const line of records.split('\n')) {
    const match = /^\d+ path=(.*)$/s.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

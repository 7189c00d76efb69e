/**
 * File contents, fetched once per blob within a run. Every fetch uses the raw media
 * type: one request per file whatever its size (the JSON form stops at 1 MB and
 * base64-inflates the payload; raw goes up to 100 MB).
 * https://docs.github.com/en/rest/git/blobs#get-a-blob
 * https://docs.github.com/en/rest/repos/contents#get-repository-content
 */
import type { GitHub, RepoRef } from './types.js';

const RAW = { format: 'raw' } as const;
const decoder = new TextDecoder('utf-8');

export interface BlobStore {
  /** Content of a blob by its SHA (from a PR file list or a git tree). */
  bySha(sha: string): Promise<string>;
  /** Content of a path at a commit; undefined when it does not exist there. */
  byPath(path: string, ref: string): Promise<string | undefined>;
  /** Seeds the cache with a blob's content read some other way (a tarball). */
  prime(sha: string, content: string): void;
  /** Whether a blob's content is at hand without a request. */
  has(sha: string): boolean;
  /** Number of content requests made so far (for logs and tests). */
  readonly requests: number;
}

export function createBlobStore(octokit: GitHub, repo: RepoRef): BlobStore {
  const blobs = new Map<string, Promise<string>>();
  const paths = new Map<string, Promise<string | undefined>>();
  let requests = 0;
  return {
    bySha(sha) {
      let pending = blobs.get(sha);
      if (!pending) {
        requests++;
        pending = octokit.rest.git.getBlob({ ...repo, file_sha: sha, mediaType: RAW }).then((res) => toText(res.data));
        blobs.set(sha, pending);
      }
      return pending;
    },
    byPath(path, ref) {
      const key = `${ref}:${path}`;
      let pending = paths.get(key);
      if (!pending) {
        requests++;
        pending = octokit.rest.repos
          .getContent({ ...repo, path, ref, mediaType: RAW })
          .then((res) => toText(res.data))
          .catch((error: unknown) => {
            if (isNotFound(error)) return undefined;
            throw error;
          });
        paths.set(key, pending);
      }
      return pending;
    },
    prime(sha, content) {
      if (!blobs.has(sha)) blobs.set(sha, Promise.resolve(content));
    },
    has: (sha) => blobs.has(sha),
    get requests() {
      return requests;
    },
  };
}

/** A 404: the blob or path is not (or no longer) there. */
export function isNotFound(error: unknown): boolean {
  return (error as { status?: unknown } | undefined)?.status === 404;
}

/** Octokit hands raw bodies over as text or as an ArrayBuffer depending on the content type. */
export function toText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return decoder.decode(data);
  if (ArrayBuffer.isView(data)) return decoder.decode(data);
  throw new Error('unexpected content response: expected a raw body');
}

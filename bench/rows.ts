/**
 * The bench's rows: which corpus each is, built the same way in every child process. A row is a
 * scan of files, or a diff of a base and a head.
 */
import { fileURLToPath } from 'node:url';
import type { InputFile } from '../src/model/types.js';
import { collectScanFiles } from '../src/local/walk.js';
import { changedCorpus, largeNotebook, manyCellIpynb, scaledCorpus } from './corpus.js';

export type RowInput = { kind: 'scan'; files: InputFile[] } | { kind: 'diff'; base: InputFile[]; head: InputFile[] };

export interface RowSpec {
  name: string;
  build: (base: InputFile[]) => RowInput;
}

const fixture = fileURLToPath(new URL('../examples/spymaster', import.meta.url));

/** The fixture's files as the bench has always read them (paths relative to the repository top). */
export async function fixtureFiles(): Promise<InputFile[]> {
  return (await collectScanFiles([fixture], { cwd: process.cwd() })).files;
}

export const scaledName = (size: number): string => `spymaster x${size}`;

export function rowSpecs(sizes: readonly number[]): RowSpec[] {
  return [
    ...sizes.map((size): RowSpec => ({ name: scaledName(size), build: (base) => ({ kind: 'scan', files: scaledCorpus(base, size, size) }) })),
    // Just under the default 5 MiB file limit, so it is analysed rather than skipped.
    { name: 'one 5 MB notebook', build: () => ({ kind: 'scan', files: [largeNotebook(5_000_000, 7)] }) },
    { name: 'ipynb of 2,000 cells', build: () => ({ kind: 'scan', files: [manyCellIpynb(2000)] }) },
    {
      name: 'diff: spymaster x1000, 300 files changed',
      build: (base) => {
        const files = scaledCorpus(base, 1000, 1000);
        return { kind: 'diff', base: files, head: changedCorpus(files, 300, 42) };
      },
    },
  ];
}

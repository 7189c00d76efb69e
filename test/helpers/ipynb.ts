/** Builds `.ipynb` notebooks and finds file lines, for tests that check real `.ipynb` line numbers. */

export interface IpynbCell {
  type: 'code' | 'markdown';
  source: string;
}

/** A Jupyter notebook (nbformat 4) whose cells' sources are stored as lists of lines, one per JSON line. */
export function ipynb(cells: IpynbCell[], language = 'python'): string {
  const notebook = {
    cells: cells.map((cell) => ({
      cell_type: cell.type,
      metadata: {},
      source: cell.source.split('\n').map((line, i, all) => (i < all.length - 1 ? `${line}\n` : line)),
      ...(cell.type === 'code' ? { execution_count: null, outputs: [] } : {}),
    })),
    metadata: { language_info: { name: language } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(notebook, null, 1);
}

/** 1-based line of the first line containing `needle` (after `after` lines). */
export function lineContaining(text: string, needle: string, after = 0): number {
  const lines = text.split('\n');
  for (let i = after; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  throw new Error(`no line contains ${needle}`);
}

/**
 * Turning file bytes into analysable text: BOM removed, CRLF and lone CR
 * normalised to LF, binary content detected. Pure and total.
 */
export interface DecodedText {
  text: string;
  binary: boolean;
}

const SNIFF_BYTES = 8000;

export function decodeContent(content: string | Uint8Array): DecodedText {
  if (typeof content === 'string') return { text: normaliseNewlines(stripBom(content)), binary: content.includes('\u0000') };
  const sniff = content.subarray(0, SNIFF_BYTES);
  if (sniff.includes(0)) return { text: '', binary: true };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(content);
  return { text: normaliseNewlines(stripBom(text)), binary: false };
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function normaliseNewlines(text: string): string {
  if (!text.includes('\r')) return text;
  return text.replace(/\r\n?/g, '\n');
}

export function splitLines(text: string): string[] {
  return text.split('\n');
}

/** A unit covering the whole text line for line. */
export function identityUnit(text: string, lineCount: number): { text: string; lineMap: number[]; colOffset: number[] } {
  const lineMap = new Array<number>(lineCount);
  for (let i = 0; i < lineCount; i++) lineMap[i] = i + 1;
  return { text, lineMap, colOffset: new Array<number>(lineCount).fill(0) };
}

/** Whether code precedes `index` on its line: a comment there trails code rather than standing alone. */
export function followsCode(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return false;
    if (c !== 32 && c !== 9) return true;
  }
  return false;
}

/** Offsets at which each line of `text` starts (`\n` ends a line, as tree-sitter counts rows). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based row and column of `index`, by binary search over line starts from row `fromRow` on. */
export function pointAtOffset(starts: ArrayLike<number>, index: number, fromRow = 0): { row: number; column: number } {
  let lo = fromRow;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return { row: lo, column: index - starts[lo] };
}

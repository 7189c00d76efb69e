/**
 * Strict JSON (RFC 8259) read straight into a `PosNode` tree in one pass, lines and columns
 * counted on the way: no intermediate tree and no offset search per node. It gives exactly
 * the tree jsonc-parser's `parseTree` gives for the same text (pos-tree.ts, `fromJson`),
 * at a fraction of the cost. Anything outside strict JSON (comments, trailing commas,
 * syntax errors, a BOM) throws: the caller falls back to jsonc-parser, which tolerates or
 * reports it.
 */
import type { ModelProblem, PosNode, Span } from './types.js';

/** Thrown at the first character strict JSON does not allow. */
export class NotStrictJson extends Error {}

/**
 * Thrown when more containers than allowed are open at once. The text read so far was strict,
 * so its brackets nest that deep too: the caller's verdict on the whole text holds.
 */
export class TooDeepJson extends Error {}

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

class Reader {
  i = 0;
  /** 1-based line of `i`, and the offset its line starts at. */
  line = 1;
  lineStart = 0;
  nesting = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly maxNesting: number,
    private readonly problems: ModelProblem[],
  ) {}

  fail(): never {
    throw new NotStrictJson(`not strict JSON at offset ${this.i}`);
  }

  /** Skips JSON whitespace; newlines only occur here (strings cannot hold a raw one). */
  blank(): void {
    const t = this.text;
    let i = this.i;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === NEWLINE) {
        this.line++;
        this.lineStart = i + 1;
      } else if (c !== 32 && c !== 9 && c !== 13) break;
    }
    this.i = i;
  }

  /** The span from a start position to the current one (values end on the line they close on). */
  spanFrom(line: number, column: number): Span {
    return { line, column, endLine: this.line, endColumn: this.i - this.lineStart + 1 };
  }

  value(depth: number): PosNode {
    const line = this.line;
    const column = this.i - this.lineStart + 1;
    if (depth > this.maxDepth) {
      // Read (and so checked) but not kept, as `fromJson` cuts it.
      this.value(Number.NEGATIVE_INFINITY);
      const span = this.spanFrom(line, column);
      if (depth === this.maxDepth + 1) this.problems.push({ message: `Nesting deeper than ${this.maxDepth} levels ignored`, line });
      return { type: 'scalar', span, value: null };
    }
    const c = this.text.charCodeAt(this.i);
    if (c === 123) return this.object(depth, line, column);
    if (c === 91) return this.array(depth, line, column);
    if (c === QUOTE) {
      const value = this.string();
      return { type: 'scalar', span: this.spanFrom(line, column), value };
    }
    const value = this.literal(c);
    return { type: 'scalar', span: this.spanFrom(line, column), value };
  }

  open(): void {
    if (++this.nesting > this.maxNesting) throw new TooDeepJson(`more than ${this.maxNesting} levels of nesting`);
    this.i++;
    this.blank();
  }

  object(depth: number, line: number, column: number): PosNode {
    this.open();
    const entries = new Map<string, PosNode>();
    const t = this.text;
    if (t.charCodeAt(this.i) !== 125) {
      for (;;) {
        if (t.charCodeAt(this.i) !== QUOTE) this.fail();
        const keyLine = this.line;
        const keyColumn = this.i - this.lineStart + 1;
        const key = this.string();
        const keySpan = this.spanFrom(keyLine, keyColumn);
        this.blank();
        if (t.charCodeAt(this.i) !== 58) this.fail();
        this.i++;
        this.blank();
        const value = this.value(depth + 1);
        value.keySpan = keySpan;
        entries.set(key, value);
        this.blank();
        const next = t.charCodeAt(this.i);
        if (next === 125) break;
        if (next !== 44) this.fail();
        this.i++;
        this.blank();
      }
    }
    this.i++;
    this.nesting--;
    return { type: 'object', span: this.spanFrom(line, column), entries };
  }

  array(depth: number, line: number, column: number): PosNode {
    this.open();
    const items: PosNode[] = [];
    const t = this.text;
    if (t.charCodeAt(this.i) !== 93) {
      for (;;) {
        items.push(this.value(depth + 1));
        this.blank();
        const next = t.charCodeAt(this.i);
        if (next === 93) break;
        if (next !== 44) this.fail();
        this.i++;
        this.blank();
      }
    }
    this.i++;
    this.nesting--;
    return { type: 'array', span: this.spanFrom(line, column), items };
  }

  /** A string at `i` (its opening quote); escapes are decoded by `JSON.parse` of the literal. */
  string(): string {
    const t = this.text;
    const start = this.i;
    let escaped = false;
    let i = start + 1;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === QUOTE) break;
      if (c < 0x20) this.fail();
      if (c === BACKSLASH) {
        escaped = true;
        i++;
      }
    }
    if (i >= t.length) this.fail();
    this.i = i + 1;
    // An invalid escape makes JSON.parse throw, which the caller treats as not strict.
    return escaped ? (JSON.parse(t.slice(start, i + 1)) as string) : t.slice(start + 1, i);
  }

  literal(c: number): string | number | boolean | null {
    const t = this.text;
    if (c === 116 && t.startsWith('true', this.i)) return this.word(4, true);
    if (c === 102 && t.startsWith('false', this.i)) return this.word(5, false);
    if (c === 110 && t.startsWith('null', this.i)) return this.word(4, null);
    return this.number();
  }

  word<T>(length: number, value: T): T {
    this.i += length;
    return value;
  }

  /** `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, read by hand. */
  number(): number {
    const t = this.text;
    const start = this.i;
    let i = start;
    if (t.charCodeAt(i) === 45) i++;
    if (t.charCodeAt(i) === 48) i++;
    else if (isDigit(t.charCodeAt(i))) i = digits(t, i);
    else this.fail();
    if (t.charCodeAt(i) === 46) {
      if (!isDigit(t.charCodeAt(i + 1))) this.fail();
      i = digits(t, i + 1);
    }
    const e = t.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = t.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (!isDigit(t.charCodeAt(i))) this.fail();
      i = digits(t, i);
    }
    this.i = i;
    return Number(t.slice(start, i));
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function digits(t: string, from: number): number {
  let i = from;
  while (isDigit(t.charCodeAt(i))) i++;
  return i;
}

/**
 * The positioned tree of strict JSON text, values deeper than `maxDepth` cut to null (with a
 * problem, as jsonc-parser's path does). Throws `TooDeepJson` past `maxNesting` open containers
 * (which also bounds the recursion), `NotStrictJson` (or a `SyntaxError` of a bad escape) on
 * anything strict JSON does not allow.
 */
export function parseStrictJsonPos(text: string, maxDepth: number, maxNesting: number, problems: ModelProblem[]): PosNode {
  const reader = new Reader(text, maxDepth, maxNesting, problems);
  reader.blank();
  if (reader.i >= text.length) reader.fail();
  const root = reader.value(0);
  reader.blank();
  if (reader.i < text.length) reader.fail();
  return root;
}

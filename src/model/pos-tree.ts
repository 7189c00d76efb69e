/**
 * JSON and YAML parsed into `PosNode` trees: plain values that keep their
 * 1-based line/column spans, so job rules can point at the exact line of a key.
 * Pure and total: bad input becomes `problems`, never an exception.
 */
import { lineStartsOf, pointAtOffset } from './text.js';
import { TooDeepJson, parseStrictJsonPos } from './json-fast.js';
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { createRequire } from 'node:module';
import type { Alias, Document } from 'yaml';

// Loaded on the first YAML file: most runs start without needing it (about 50 ms of start-up).
let yamlModule: typeof import('yaml') | undefined;
function yaml(): typeof import('yaml') {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlModule;
}
import type { ModelProblem, PosNode, Span } from './types.js';

/** Deeper values are cut: no job file nests anywhere near this. */
export const MAX_DEPTH = 200;
/**
 * Nesting above which text is not handed to the (recursive) parsers at all: a stack
 * overflow deep inside a parser can take the whole process down, not just throw.
 */
export const MAX_SCAN_DEPTH = 500;
/** Alias expansion budget ("billion laughs" YAML must not explode memory). */
const MAX_NODES = 100_000;

export interface PosParseResult {
  root?: PosNode;
  problems: ModelProblem[];
}

/** Maps string offsets to 1-based line / column. */
export class OffsetMap {
  private readonly starts: number[];
  constructor(text: string) {
    this.starts = lineStartsOf(text);
  }
  pos(offset: number): { line: number; column: number } {
    const { row, column } = pointAtOffset(this.starts, offset);
    return { line: row + 1, column: column + 1 };
  }
  span(start: number, end: number): Span {
    const a = this.pos(start);
    const b = this.pos(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}

/**
 * Deepest `[`/`{` nesting, counted up to `limit + 1`. JSON strings are skipped; for
 * YAML (`skipStrings` false) quotes are ignored, which can only overcount.
 */
function bracketDepth(text: string, limit: number, skipStrings: boolean): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  // Character codes, not one-character strings: this runs over every job file.
  for (let i = 0; i < text.length && max <= limit; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34 && skipStrings) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth); // [ {
    else if (c === 93 || c === 125) depth = Math.max(0, depth - 1); // ] }
  }
  return max;
}

/**
 * Block nesting needs a wider indent (or one more `- `/`? `/`: ` indicator) per level,
 * so the widest indentation-and-indicators prefix of a line bounds the block depth.
 */
function yamlIndentWidth(text: string, limit: number): number {
  let width = 0;
  let max = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length && max <= limit; i++) {
    const c = text[i];
    if (c === '\n') {
      width = 0;
      atLineStart = true;
      continue;
    }
    if (!atLineStart) continue;
    const next = text[i + 1];
    const indicator = (c === '-' || c === '?' || c === ':') && (next === ' ' || next === '\t' || next === '\n' || next === undefined);
    if (c === ' ' || c === '\t' || indicator) max = Math.max(max, ++width);
    else atLineStart = false;
  }
  return max;
}

/** At most this many problems per file: a broken file should not flood the report. */
const MAX_PROBLEMS = 20;

function capProblems(problems: ModelProblem[]): ModelProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const rest = problems.length - MAX_PROBLEMS;
  return [...problems.slice(0, MAX_PROBLEMS), { message: `${rest} more problem(s) not shown`, line: problems[MAX_PROBLEMS].line }];
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// ---------------------------------------------------------------- JSON

/**
 * Strict JSON takes the one-pass reader (json-fast.ts); only text it refuses (comments, trailing
 * commas, errors) pays for jsonc-parser's tree, which gives the same tree for strict JSON.
 * (Both `parseJsonPos` and `parseJsoncPos` give the same result on any text.)
 */
export function parseJsonPos(text: string): PosParseResult {
  const problems: ModelProblem[] = [];
  try {
    // The reader counts nesting itself: strict text needs no separate bracket scan.
    const root = parseStrictJsonPos(text, MAX_DEPTH, MAX_SCAN_DEPTH, problems);
    return { root, problems: capProblems(problems) };
  } catch (err) {
    return err instanceof TooDeepJson ? tooDeepJson() : parseJsoncPos(text);
  }
}

function tooDeepJson(): PosParseResult {
  return { problems: [{ message: `JSON nested deeper than ${MAX_SCAN_DEPTH} levels: not analysed`, line: 1 }] };
}

/** JSON through jsonc-parser: comments and trailing commas tolerated, every error reported with its line. */
export function parseJsoncPos(text: string): PosParseResult {
  return bracketDepth(text, MAX_SCAN_DEPTH, true) > MAX_SCAN_DEPTH ? tooDeepJson() : jsoncTree(text);
}

function jsoncTree(text: string): PosParseResult {
  const problems: ModelProblem[] = [];
  try {
    const map = new OffsetMap(text);
    const errors: ParseError[] = [];
    // Comments and trailing commas are tolerated: people keep job JSON in JSONC-ish files.
    const tree = parseTree(text, errors, { allowTrailingComma: true, allowEmptyContent: true });
    for (const e of errors) {
      problems.push({ message: `Invalid JSON: ${printParseErrorCode(e.error)}`, line: map.pos(e.offset).line });
    }
    if (!tree) return { problems: capProblems(problems) };
    const root = fromJson(tree, map, 0, problems);
    return { root, problems: capProblems(problems) };
  } catch (err) {
    return { problems: capProblems([...problems, { message: `Cannot parse JSON: ${message(err)}`, line: 1 }]) };
  }
}

function fromJson(node: JsonNode, map: OffsetMap, depth: number, problems: ModelProblem[]): PosNode {
  const span = map.span(node.offset, node.offset + node.length);
  if (depth > MAX_DEPTH) {
    if (depth === MAX_DEPTH + 1) problems.push({ message: `Nesting deeper than ${MAX_DEPTH} levels ignored`, line: span.line });
    return { type: 'scalar', span, value: null };
  }
  if (node.type === 'object') {
    const entries = new Map<string, PosNode>();
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || !valueNode) continue;
      const value = fromJson(valueNode, map, depth + 1, problems);
      value.keySpan = map.span(keyNode.offset, keyNode.offset + keyNode.length);
      entries.set(String(keyNode.value), value);
    }
    return { type: 'object', span, entries };
  }
  if (node.type === 'array') {
    return { type: 'array', span, items: (node.children ?? []).map((c) => fromJson(c, map, depth + 1, problems)) };
  }
  const v: unknown = node.value;
  const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  return { type: 'scalar', span, value };
}

// ---------------------------------------------------------------- YAML

interface YamlState {
  doc: Document;
  /** Alias -> the node of the last anchor of that name before it, computed on the first alias of the document. */
  targets?: Map<Alias, unknown>;
  map: OffsetMap;
  problems: ModelProblem[];
  nodes: number;
  /** Aliases being expanded, to stop self-referencing anchors. */
  active: Set<unknown>;
}

export function parseYamlPos(text: string): PosParseResult {
  const problems: ModelProblem[] = [];
  try {
    if (bracketDepth(text, MAX_SCAN_DEPTH, false) + yamlIndentWidth(text, MAX_SCAN_DEPTH) > MAX_SCAN_DEPTH) {
      return { problems: [{ message: `YAML nested deeper than ${MAX_SCAN_DEPTH} levels: not analysed`, line: 1 }] };
    }
    const map = new OffsetMap(text);
    // `merge: true` keeps `<<: *anchor` working as bundles written for YAML 1.1 expect.
    const docs = yaml().parseAllDocuments(text, { merge: true, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [];
    for (const doc of list) {
      for (const e of doc.errors) problems.push({ message: `Invalid YAML: ${e.message.split('\n')[0]}`, line: map.pos(e.pos[0]).line });
    }
    const doc = list.find((d) => d.contents !== null && !(yaml().isScalar(d.contents) && d.contents.value === null));
    if (!doc || !doc.contents) return { problems: capProblems(problems) };
    const state: YamlState = { doc, map, problems, nodes: 0, active: new Set() };
    const root = fromYaml(doc.contents, state, 0);
    return { root, problems: capProblems(problems) };
  } catch (err) {
    return { problems: capProblems([...problems, { message: `Cannot parse YAML: ${message(err)}`, line: 1 }]) };
  }
}

/**
 * What `Alias.resolve` does, for all aliases in one pass: its own lookup walks the
 * whole document per alias, which is quadratic on alias-heavy files.
 */
function aliasTargets(doc: Document): Map<Alias, unknown> {
  const targets = new Map<Alias, unknown>();
  const anchors = new Map<string, unknown>();
  yaml().visit(doc, {
    Node(_key, node) {
      if (yaml().isAlias(node)) {
        if (anchors.has(node.source)) targets.set(node, anchors.get(node.source));
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

function yamlSpan(node: unknown, state: YamlState): Span {
  const range = (node as { range?: [number, number, number] }).range;
  if (!range) return state.map.span(0, 0);
  return state.map.span(range[0], range[1]);
}

function nullAt(span: Span): PosNode {
  return { type: 'scalar', span, value: null };
}

function fromYaml(node: unknown, state: YamlState, depth: number): PosNode {
  const span = yamlSpan(node, state);
  if (depth > MAX_DEPTH || ++state.nodes > MAX_NODES) {
    if (depth === MAX_DEPTH + 1 || state.nodes === MAX_NODES + 1) {
      state.problems.push({ message: `YAML nested deeper than ${MAX_DEPTH} levels or too large: rest ignored`, line: span.line });
    }
    return nullAt(span);
  }
  if (yaml().isAlias(node)) {
    if (state.active.has(node)) return nullAt(span);
    // Most bundles have no alias: the document is walked for anchors only when one shows up.
    state.targets ??= aliasTargets(state.doc);
    const target = state.targets.get(node);
    if (!target) {
      state.problems.push({ message: `Unknown YAML alias *${node.source}`, line: span.line });
      return nullAt(span);
    }
    state.active.add(node);
    try {
      // The resolved value keeps the anchor's positions: that is where a fix goes.
      return fromYaml(target, state, depth + 1);
    } finally {
      state.active.delete(node);
    }
  }
  if (yaml().isMap(node)) {
    const entries = new Map<string, PosNode>();
    const merged: PosNode[] = [];
    for (const pair of node.items) {
      if (!yaml().isPair(pair)) continue;
      const key = pair.key;
      const keyText = yaml().isScalar(key) ? keyString(key.value, key.source) : undefined;
      if (keyText === '<<') {
        merged.push(fromYaml(pair.value, state, depth + 1));
        continue;
      }
      if (keyText === undefined) continue;
      const value = pair.value === null || pair.value === undefined ? nullAt(yamlSpan(key, state)) : fromYaml(pair.value, state, depth + 1);
      value.keySpan = yamlSpan(key, state);
      entries.set(keyText, value);
    }
    // Merged mappings never override keys written in the mapping itself.
    for (const m of merged.flatMap((n) => (n.type === 'array' ? n.items : [n]))) {
      if (m.type !== 'object') continue;
      for (const [k, v] of m.entries) if (!entries.has(k)) entries.set(k, v);
    }
    return { type: 'object', span, entries };
  }
  if (yaml().isSeq(node)) {
    return { type: 'array', span, items: node.items.map((item) => fromYaml(item, state, depth + 1)) };
  }
  if (yaml().isScalar(node)) return { type: 'scalar', span, value: scalarValue(node.value) };
  return nullAt(span);
}

function keyString(value: unknown, source: unknown): string | undefined {
  if (typeof value === 'symbol') return source === '<<' || value.description === '<<' ? '<<' : undefined;
  if (value === null || value === undefined) return typeof source === 'string' ? source : undefined;
  return String(value);
}

function scalarValue(v: unknown): string | number | boolean | null {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : String(v);
}

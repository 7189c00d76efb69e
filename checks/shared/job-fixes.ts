/**
 * Edits of job and pipeline files that add settings to an object: JSON with jsonc-parser's
 * `modify` (the file's indentation kept), YAML through the `yaml` Document API, the new lines
 * written at the mapping's indentation so comments and the rest of the file stay byte for byte.
 */
import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';
import { Document, LineCounter, isMap, isScalar, parseDocument, type Pair, type YAMLMap } from 'yaml';
import type { FileEdit, Fix, FixSafety } from '../../src/model/fix-types.js';
import type { PathSegment } from '../../src/model/pos-helpers.js';
import type { JobsModel, PosNode } from '../../src/model/types.js';

export type SettingValue = string | number | boolean | Record<string, string>;

/** The key path of a node of the file's tree (object identity), or undefined when it is not in it. */
export function nodePath(root: PosNode | undefined, target: PosNode): PathSegment[] | undefined {
  if (!root) return undefined;
  if (root === target) return [];
  const children: [PathSegment, PosNode][] = root.type === 'object' ? [...root.entries] : root.type === 'array' ? root.items.map((item, i) => [i, item]) : [];
  for (const [segment, child] of children) {
    const rest = nodePath(child, target);
    if (rest) return [segment, ...rest];
  }
  return undefined;
}

/** A fix that sets keys of the object at `target` (added at its end, or an existing scalar replaced). */
export function settingsFix(model: JobsModel, target: PosNode, settings: [string, SettingValue][], safety: FixSafety, description: string): Fix | undefined {
  const path = nodePath(model.root, target);
  if (!path || settings.length === 0) return undefined;
  let edit: TextEdit | undefined;
  try {
    edit = model.fileKind === 'job-json' ? jsonEdit(model.text, path, settings) : yamlEdit(model, path, settings);
  } catch {
    // jsonc-parser and yaml refuse some paths into a malformed file: no fix, the finding stands.
    return undefined;
  }
  return edit && { safety, description, edits: [{ path: model.path, ...edit }] };
}

type TextEdit = Omit<FileEdit, 'path'>;

function jsonEdit(text: string, path: PathSegment[], settings: [string, SettingValue][]): TextEdit | undefined {
  const formattingOptions = jsonFormatting(text);
  let out = text;
  for (const [key, value] of settings) out = applyEdits(out, modify(out, [...path, key], value, { formattingOptions }));
  return between(text, out);
}

/** The file's own indentation: the first indented line says spaces or tabs, and how many. */
function jsonFormatting(text: string): FormattingOptions {
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (indent === 0 || line.trim() === '') continue;
    return line.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol: '\n' } : { insertSpaces: true, tabSize: indent, eol: '\n' };
  }
  return { insertSpaces: true, tabSize: 2, eol: '\n' };
}

interface YamlFile {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/**
 * Each file's YAML document, parsed once for all its fixes: a bundle with a dozen fixable
 * findings parsed its text a dozen times (8 % of a scan of the bench corpus). Edits only read
 * the document, so sharing it is safe; the entry goes with the model.
 */
const yamlFiles = new WeakMap<JobsModel, YamlFile>();

function yamlFileOf(model: JobsModel): YamlFile {
  const known = yamlFiles.get(model);
  if (known) return known;
  const lineCounter = new LineCounter();
  const file = { doc: parseDocument(model.text, { lineCounter }), lineCounter };
  yamlFiles.set(model, file);
  return file;
}

function yamlEdit(model: JobsModel, path: PathSegment[], settings: [string, SettingValue][]): TextEdit | undefined {
  const text = model.text;
  const { doc, lineCounter } = yamlFileOf(model);
  const map = doc.getIn(path, true);
  if (!isMap(map) || doc.errors.length > 0) return undefined;
  const existing = settings.map(([key]) => pairOf(map, key));
  // One key there already as a scalar (`task_retry_mode: NEVER`): its value is replaced in place.
  if (settings.length === 1 && existing[0] && isScalar(existing[0].value) && existing[0].value.range) {
    const [start, end] = existing[0].value.range;
    return { start, end, text: new Document(settings[0][1]).toString().trimEnd() };
  }
  if (existing.some(Boolean) || map.flow || map.items.length === 0 || !map.range) return undefined;
  const firstKey = map.items[0].key as { range?: [number, number, number] } | null;
  if (!firstKey?.range) return undefined;
  const indent = ' '.repeat(lineCounter.linePos(firstKey.range[0]).col - 1);
  const block = new Document(Object.fromEntries(settings)).toString();
  const lines = block.trimEnd().split('\n').map((line) => indent + line);
  // After the line on which the mapping's last value ends (its trailing comments stay above).
  const valueEnd = map.range[1];
  const lineEnd = text.indexOf('\n', Math.max(valueEnd - 1, 0));
  if (lineEnd < 0) return { start: text.length, end: text.length, text: `\n${lines.join('\n')}\n` };
  return { start: lineEnd + 1, end: lineEnd + 1, text: `${lines.join('\n')}\n` };
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

/** The one edit from `before` to `after`: what lies between their common start and common end. */
function between(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

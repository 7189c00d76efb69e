/**
 * Code that makes up data (RULES.md, "File roles": setup is "generating or loading sample
 * data"). A demo's job often runs one file that both fabricates rows and ingests real ones:
 * a `generate_raw_device_data()` method drawing random values beside a
 * `create_bronze_layer_from_spark()` reading the landed files, picked by a `--source` flag.
 * The file is pipeline code; the functions and branches that fabricate data are setup code
 * inside it, so hygiene rules (print-logging, untested-transform) do not judge them.
 *
 * Found on the syntax tree and facts, in files that show they generate data (a seeded or
 * faked random source, or a generator name in the path or a definition):
 * - a function drawing random values (`random.choice`, `np.random.randint`, `fake.name`) that
 *   is not handed a DataFrame to transform, or named for generating (`run_analyst_simulation`)
 *   and reading nothing itself;
 * - a function every call of which sits in generator code (its helpers);
 * - a function that only calls generator functions of the file and reads nothing itself, or
 *   makes a DataFrame of a generator's output (`spark.createDataFrame(generate_events(...))`);
 * - an `if`/`else` branch that calls a generator function (`else: raw = gen.generate(...)`).
 * Pure; never throws.
 */
import type { CallFact, FunctionFact, LineRange, PythonFacts } from './python-types.js';
import type { SyntaxNode, SyntaxTree } from './syntax-tree.js';
import { nodeSpan, type UnitMap } from './span.js';


/** Receivers of random draws: the `random` module, NumPy's, and the usual names of a generator or a Faker. */
const RANDOM_RECEIVERS = new Set(['random', 'np.random', 'numpy.random', 'rng', 'self.rng', 'fake', 'faker', 'self.fake', 'self.faker']);
/** A file seeding or building a random source is making reproducible fake data. */
const SEEDING_CALLEES = new Set(['random.seed', 'np.random.seed', 'numpy.random.seed', 'np.random.default_rng', 'numpy.random.default_rng', 'random.Random', 'Faker', 'faker.Faker']);
const GENERATOR_LIBRARIES = new Set(['faker', 'dbldatagen', 'mimesis']);
/** Words of a generator's name, compared on the lower-cased name split at `_`, `-`, `/`, `.` and case changes. */
const GENERATOR_WORDS = new Set(['generate', 'generator', 'generators', 'simulate', 'simulator', 'simulation', 'synthetic', 'fake', 'faker', 'datagen']);
/** Calls reading data from outside (a table, files, SQL): a function doing them is not only making data up. */
/** Methods making a DataFrame from Python values. */
const IN_MEMORY_FRAMES = new Set(['createDataFrame', 'DataFrame', 'from_records', 'from_dict']);
const READ_PREFIXES = ['spark.read', 'spark.table', 'spark.sql', 'spark.readStream', 'dlt.read', 'dp.read'];

/** A function of the file with the calls inside it and the calls that name it. */
interface Scope {
  fn: FunctionFact;
  /** What the function is called by: a constructor by its class's name. */
  name: string;
  range: LineRange;
  own: CallFact[];
  sites: CallFact[];
  callees: Scope[];
}

export function generatedRanges(tree: SyntaxTree, unit: UnitMap, facts: PythonFacts, path: string): LineRange[] {
  if (!showsGeneration(facts, path) || !facts.calls.some(isDraw)) return [];
  const byLine = [...facts.calls].sort((a, b) => a.span.line - b.span.line);
  const callsIn = (range: LineRange): CallFact[] => byLine.slice(firstAtOrAfter(byLine, range.line), firstAtOrAfter(byLine, range.endLine + 1));
  const byName = new Map<string, CallFact[]>();
  for (const call of facts.calls) {
    const list = byName.get(call.method);
    if (list) list.push(call);
    else byName.set(call.method, [call]);
  }
  const scopes = facts.functions.map((fn) => {
    const range = toRange(fn.span);
    const own = callsIn(range);
    const name = fn.name === '__init__' && fn.className !== undefined ? fn.className : fn.name;
    const sites = (byName.get(name) ?? []).filter((call) => call.callee === name || call.callee.endsWith(`.${name}`));
    const scope: Scope = { fn, name, range, own, sites, callees: [] };
    return scope;
  });
  // Which functions each call may call, then which functions each function calls: computed once.
  const calledBy = new Map<CallFact, Scope[]>();
  for (const scope of scopes) for (const site of scope.sites) calledBy.set(site, [...(calledBy.get(site) ?? []), scope]);
  for (const scope of scopes) scope.callees = [...new Set(scope.own.flatMap((call) => calledBy.get(call) ?? []))].filter((other) => other !== scope);
  // A function handed a DataFrame to transform is a transformation even when it draws random
  // values (a random feature, a sampled score): only functions making rows from nothing are generators.
  // So is a function named for it (`run_analyst_simulation`, `generate_events`) that reads nothing
  // itself, and the constructor of a class named for it (`BronzeAppTransactionsGenerator`) whose
  // methods draw random values: the reference values it loads to draw from are the generator's.
  // What it calls, and nothing else calls, is its part of the generator (below).
  const makesRows = (scope: Scope): boolean => !scope.fn.framesInParams && !scope.fn.transformsParams;
  // A class whose methods draw random values: a `MergeSqlGenerator` that draws none makes SQL, not data.
  const drawingClasses = new Set(scopes.filter((scope) => scope.fn.className !== undefined && scope.own.some(isDraw)).map((scope) => scope.fn.className));
  const namedForIt = (scope: Scope): boolean => hasGeneratorWord(scope.name) && (scope.fn.name !== '__init__' || drawingClasses.has(scope.fn.className));
  const generated = new Set<Scope>(scopes.filter((scope) => makesRows(scope) && (scope.own.some(isDraw) || (namedForIt(scope) && !readsData(scope.own)))));
  const marked: LineRange[] = [...generated].map((scope) => scope.range);
  const branches = tree.rootNode
    .descendantsOfType(['block', 'else_clause', 'elif_clause'])
    .filter((node): node is SyntaxNode => node !== null && isBranch(node))
    .map((node) => ({ range: toRange(nodeSpan(unit, node)), generated: false }))
    .filter((branch) => callsIn(branch.range).length > 0);
  // Marked lines in a table: a helper's every call site is looked up once per round.
  const lastLine = Math.max(0, ...scopes.map((scope) => scope.range.endLine), ...branches.map((branch) => branch.range.endLine));
  const lines = new Uint8Array(lastLine + 2);
  const mark = (range: LineRange): void => {
    marked.push(range);
    lines.fill(1, range.line, Math.min(range.endLine, lastLine) + 1);
  };
  for (const range of marked) lines.fill(1, range.line, Math.min(range.endLine, lastLine) + 1);
  const inGenerated = (line: number): boolean => lines[line] === 1;
  for (let changed = true, rounds = 0; changed && rounds < 20; rounds++) {
    changed = false;
    for (const scope of scopes) {
      if (generated.has(scope)) continue;
      const helper = scope.sites.length > 0 && scope.sites.every((site) => inGenerated(site.span.line));
      const orchestrates = scope.callees.length > 0 && !readsData(scope.own) && scope.callees.every((other) => generated.has(other));
      if (helper || orchestrates || writesGenerated(scope, calledBy, generated)) {
        generated.add(scope);
        mark(scope.range);
        changed = true;
      }
    }
    for (const branch of branches) {
      if (branch.generated || !callsIn(branch.range).some((call) => (calledBy.get(call) ?? []).some((callee) => generated.has(callee)))) continue;
      branch.generated = true;
      mark(branch.range);
      changed = true;
    }
  }
  return marked;
}

/**
 * Turns a generator's output into a DataFrame (`rows = generate_events(...)` then
 * `spark.createDataFrame(rows)`) and reads nothing itself: the rows it writes are made up.
 */
function writesGenerated(scope: Scope, calledBy: Map<CallFact, Scope[]>, generated: Set<Scope>): boolean {
  if (readsData(scope.own)) return false;
  const made = new Set<string>();
  for (const call of scope.own) {
    if (!(calledBy.get(call) ?? []).some((callee) => generated.has(callee))) continue;
    const assignment = call.node.parent;
    const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
    if (target?.type === 'identifier') made.add(target.text);
  }
  if (made.size === 0) return false;
  return scope.own.some((call) => IN_MEMORY_FRAMES.has(call.method) && call.args[0]?.type === 'identifier' && made.has(call.args[0].text));
}

function readsData(calls: CallFact[]): boolean {
  return calls.some((call) => READ_PREFIXES.some((prefix) => call.callee === prefix || call.callee.startsWith(`${prefix}.`)));
}

/** Index of the first call on `line` or after it in calls sorted by line. */
function firstAtOrAfter(calls: CallFact[], line: number): number {
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (calls[mid].span.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The line is generator code. */
export function inGeneratedCode(ranges: readonly LineRange[] | undefined, line: number): boolean {
  return ranges?.some((range) => inRange(line, range)) ?? false;
}

function showsGeneration(facts: PythonFacts, path: string): boolean {
  if (facts.imports.some((name) => GENERATOR_LIBRARIES.has(name.split('.')[0]))) return true;
  if (facts.calls.some((call) => SEEDING_CALLEES.has(call.callee))) return true;
  if (hasGeneratorWord(path)) return true;
  return facts.functions.some((fn) => hasGeneratorWord(fn.name)) || facts.classes.some((cls) => hasGeneratorWord(cls.name));
}

function hasGeneratorWord(name: string): boolean {
  const words: string[] = [];
  let word = '';
  let previous = '';
  for (const ch of name) {
    const separator = ch === '_' || ch === '-' || ch === '/' || ch === '.' || ch === ' ';
    // `BronzeDeviceSDKGenerator`: a capital after a small letter starts a word.
    const capital = ch !== ch.toLowerCase() && previous !== '' && previous === previous.toLowerCase() && previous !== previous.toUpperCase();
    if ((separator || capital) && word) {
      words.push(word);
      word = '';
    }
    if (!separator) word += ch.toLowerCase();
    previous = ch;
  }
  if (word) words.push(word);
  return words.some((w) => GENERATOR_WORDS.has(w));
}

function isDraw(call: CallFact): boolean {
  const dot = call.callee.lastIndexOf('.');
  if (dot < 0) return false;
  const receiver = call.callee.slice(0, dot);
  // Seeding is part of generating: `random.seed(42)` in a constructor makes it generator code.
  return RANDOM_RECEIVERS.has(receiver) || SEEDING_CALLEES.has(call.callee);
}

/** The body of an `if`, `elif` or `else` (a `block` under an `if_statement` or a clause). */
function isBranch(node: SyntaxNode): boolean {
  if (node.type === 'else_clause' || node.type === 'elif_clause') return true;
  return node.type === 'block' && node.parent?.type === 'if_statement';
}

function toRange(span: { line: number; endLine: number }): LineRange {
  return { line: span.line, endLine: span.endLine };
}

function inRange(line: number, range: LineRange): boolean {
  return line >= range.line && line <= range.endLine;
}

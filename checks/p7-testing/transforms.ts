/**
 * Which functions count as transformation logic for the testing rules (P701, P702):
 * they take DataFrames / pandas frames (by annotation), call DataFrame methods on a
 * parameter, or are handed to Spark as a stateful / UDF / foreachBatch function. A loader
 * that takes no frame and only returns one (`load_silver() -> pd.DataFrame`) is I/O, not
 * logic a unit test can exercise on a few rows; nor is a function that writes the frame it
 * is given and returns nothing.
 */
import type { FunctionFact, PythonAnalysis } from '../../src/model/python-types.js';
import type { SyntaxNode } from '../../src/model/types.js';

export function transformFunctions(python: PythonAnalysis): FunctionFact[] {
  const stateful = python.lineage.statefulFunctions;
  const processors = new Set<string>();
  return python.facts.functions.filter((fn) => {
    // A nested helper is tested through the function that defines it.
    if (isNested(fn)) return false;
    // A StatefulProcessor is one unit of logic, tested as a class: one function stands for it
    // (`handleInputRows`, else its first method), not `init`, `close` and every helper.
    if (fn.className !== undefined && stateful.has(`${fn.className}.*`)) {
      if (processors.has(fn.className)) return false;
      const methods = python.facts.functions.filter((m) => m.className === fn.className && !isNested(m));
      const representative = methods.find((m) => m.name === 'handleInputRows') ?? methods[0];
      if (representative !== fn) return false;
      processors.add(fn.className);
      return true;
    }
    if (stateful.has(fn.name) || stateful.has(fn.qualifiedName)) return true;
    if (writes(python, fn) && !returnsFrame(fn)) return false;
    return fn.framesInParams || fn.transformsParams;
  });
}

/**
 * The function's body persists a frame it was given (`df.write.saveAsTable(t)`,
 * `spark.createDataFrame(pdf).write...`, `df.writeStream...start()`). A frame it computed first
 * (`offsets = spark.createDataFrame([(t, df.agg(...).first()[0])])`) carries its logic.
 */
function writes(python: PythonAnalysis, fn: FunctionFact): boolean {
  return python.facts.calls.some((call) => {
    if (call.enclosingFunction !== fn.qualifiedName || !call.writes) return false;
    return givenFrame(fn, call.node, 0);
  });
}

/**
 * Whether the frame a chain writes is one the function was given: a parameter, `spark.createDataFrame(param)`,
 * a frame derived from one (`df.withColumn(...)`), or a local assigned one of those
 * (`spark_df = spark.createDataFrame(rows)`). Unknown counts as given: only a frame built from
 * rows the function computed (`createDataFrame([(table, max_pk)])`) makes the write logic.
 */
function givenFrame(fn: FunctionFact, chain: SyntaxNode, depth: number): boolean {
  const root = receiverRoot(chain);
  let name = root;
  if (root === 'spark' || root === 'self') {
    // `spark.createDataFrame(pdf).write`: the frame is the argument handed to it; rows written out in the call are computed.
    const arg = createdFrom(chain);
    if (arg === undefined) return true;
    if (arg.type !== 'identifier') return false;
    name = arg.text;
  }
  if (name === undefined || fn.params.includes(name)) return true;
  const value = depth < 4 ? assignedValue(fn, name, chain) : undefined;
  // Not assigned here (a loop variable, a global): not known to be computed.
  if (!value) return true;
  // A literal or any other expression is a frame the function computed.
  if (value.type !== 'call' && value.type !== 'attribute' && value.type !== 'identifier') return false;
  return value.type === 'identifier' ? fn.params.includes(value.text) : givenFrame(fn, value, depth + 1);
}

/** The value of the last `name = ...` in the function before `at`. */
function assignedValue(fn: FunctionFact, name: string, at: SyntaxNode): SyntaxNode | undefined {
  let value: SyntaxNode | undefined;
  for (const assignment of fn.node.descendantsOfType('assignment')) {
    if (!assignment || assignment.startIndex >= at.startIndex) continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'identifier' && left.text === name && right) value = right;
  }
  return value;
}

/** The identifier a call chain starts from (`df` of `df.write.format("delta").save(p)`). */
function receiverRoot(node: SyntaxNode): string | undefined {
  let current: SyntaxNode | null = node;
  while (current && (current.type === 'call' || current.type === 'attribute' || current.type === 'parenthesized_expression')) {
    current = current.type === 'call' ? current.childForFieldName('function') : current.type === 'attribute' ? current.childForFieldName('object') : current.namedChildren[0];
  }
  return current?.type === 'identifier' ? current.text : undefined;
}

/** The first argument of the chain's `createDataFrame(...)` call (`pdf` of `spark.createDataFrame(pdf).write...`). */
function createdFrom(node: SyntaxNode): SyntaxNode | undefined {
  let current: SyntaxNode | null = node;
  while (current && (current.type === 'call' || current.type === 'attribute' || current.type === 'parenthesized_expression')) {
    if (current.type === 'call' && current.childForFieldName('function')?.childForFieldName('attribute')?.text === 'createDataFrame') {
      return current.childForFieldName('arguments')?.namedChildren.find((c) => c?.type !== 'comment') ?? undefined;
    }
    current = current.type === 'call' ? current.childForFieldName('function') : current.type === 'attribute' ? current.childForFieldName('object') : current.namedChildren[0];
  }
  return undefined;
}

/** The return annotation names a frame: a transformation that also writes still hands a result on. */
function returnsFrame(fn: FunctionFact): boolean {
  return fn.framesInReturn;
}

/** Whether a test names the function (or, for a method, its class). */
export function isReferencedByTests(fn: FunctionFact, testIdentifiers: Set<string>): boolean {
  return testIdentifiers.has(fn.name) || (fn.className !== undefined && testIdentifiers.has(fn.className));
}

function isNested(fn: FunctionFact): boolean {
  for (let node = fn.node.parent; node; node = node.parent) {
    if (node.type === 'function_definition') return true;
  }
  return false;
}

/**
 * Which functions count as transformation logic for the testing rules (P701, P702):
 * they take DataFrames / pandas frames (by annotation), call DataFrame methods on a
 * parameter, or are handed to Spark as a stateful / UDF / foreachBatch function. A loader
 * that takes no frame and only returns one (`load_silver() -> pd.DataFrame`) is I/O, not
 * logic a unit test can exercise on a few rows; nor is a function that writes the frame it
 * is given and returns nothing.
 */
import type { FunctionFact, PythonAnalysis } from '../../src/model/python-types.js';

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

/** The function's body persists a DataFrame (`spark.createDataFrame(pdf).write.saveAsTable(t)`, `df.writeStream...start()`). */
function writes(python: PythonAnalysis, fn: FunctionFact): boolean {
  return python.facts.calls.some((call) => call.enclosingFunction === fn.qualifiedName && call.writes);
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

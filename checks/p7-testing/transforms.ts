/**
 * Which functions count as transformation logic for the testing rules (P701, P702):
 * they take or return DataFrames / pandas frames, call DataFrame methods on a parameter,
 * or are handed to Spark as a stateful / UDF / foreachBatch function.
 */
import type { FunctionFact, PythonAnalysis } from '../../src/model/python-types.js';

export function transformFunctions(python: PythonAnalysis): FunctionFact[] {
  const stateful = python.lineage.statefulFunctions;
  return python.facts.functions.filter((fn) => {
    // A nested helper is tested through the function that defines it.
    if (isNested(fn)) return false;
    if (fn.framesInSignature || fn.transformsParams) return true;
    return stateful.has(fn.name) || stateful.has(fn.qualifiedName) || (fn.className !== undefined && stateful.has(`${fn.className}.*`));
  });
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

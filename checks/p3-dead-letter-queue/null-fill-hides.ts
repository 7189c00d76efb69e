/**
 * P306 null-fill-hides: `na.fill` / `fillna` over columns the schema declares nullable replaces
 * missing values with a constant (0.0, -1, ""), so a broken feed looks like real data downstream.
 * Fires on `df.na.fill(...)` anywhere and on `df.fillna(...)` of a Spark DataFrame the lineage
 * knows (pandas frames also have `fillna`). Not fired when the filled columns (`subset=` or the
 * keys of a dict value) are all declared `StructField(..., nullable=False)` in the file.
 * https://spark.apache.org/docs/latest/api/python/reference/pyspark.sql/api/pyspark.sql.DataFrame.fillna.html
 */
import type { SyntaxNode } from '../../src/model/types.js';
import type { CallFact, PythonAnalysis } from '../../src/model/python-types.js';
import { stringValue } from '../../src/model/python-values.js';
import type { FileRule, RawFinding } from '../types.js';

/** `x.na.fill(...)`: the `na` accessor exists only on Spark DataFrames. */
function isNaFill(call: CallFact): boolean {
  if (call.method !== 'fill') return false;
  const object = call.node.childForFieldName('function')?.childForFieldName('object');
  return object?.type === 'attribute' && object.childForFieldName('attribute')?.text === 'na';
}

/** Column name -> nullable, from `StructField(name, type, nullable)` in the file (nullable defaults to True). */
function declaredNullability(python: PythonAnalysis): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const call of python.facts.calls) {
    if (call.method !== 'StructField' || !call.args[0]) continue;
    const name = stringValue(call.args[0]);
    if (name === undefined) continue;
    const flag = call.kwargs.get('nullable') ?? call.args[2];
    const nullable = flag?.type !== 'false';
    // A name declared nullable in any schema of the file counts as nullable.
    out.set(name, (out.get(name) ?? false) || nullable);
  }
  return out;
}

function stringList(node: SyntaxNode): string[] | undefined {
  const single = stringValue(node);
  if (single !== undefined) return [single];
  if (node.type !== 'list' && node.type !== 'tuple') return undefined;
  const items = node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment').map((c) => stringValue(c));
  return items.every((i) => i !== undefined) ? (items as string[]) : undefined;
}

/** The columns a fill touches when the call names them; undefined for "every column of the value's type". */
function filledColumns(call: CallFact): string[] | undefined {
  const value = call.kwargs.get('value') ?? call.args[0];
  if (value?.type === 'dictionary') {
    const keys = value.namedChildren.filter((p) => p?.type === 'pair').map((p) => {
      const key = p?.childForFieldName('key');
      return key ? stringValue(key) : undefined;
    });
    return keys.every((k) => k !== undefined) ? (keys as string[]) : undefined;
  }
  const subset = call.kwargs.get('subset') ?? call.args[1];
  return subset ? stringList(subset) : undefined;
}

function shortValue(call: CallFact): string {
  const value = call.kwargs.get('value') ?? call.args[0];
  if (!value) return '';
  if (value.type === 'dictionary') return '{...}';
  return value.text.length > 30 ? `${value.text.slice(0, 27)}...` : value.text;
}

function hidesNullable(call: CallFact, nullability: Map<string, boolean>): boolean {
  const columns = filledColumns(call);
  if (columns) return columns.some((c) => nullability.get(c) !== false);
  // No column list: only a file whose every declared field is non-nullable is safe.
  return nullability.size === 0 || [...nullability.values()].some((n) => n);
}

export const nullFillHides: FileRule = {
  meta: {
    id: 'P306',
    name: 'null-fill-hides',
    priority: 3,
    severity: 'notice',
    title: '`na.fill`/`fillna` over nullable columns hides missing data behind a constant',
    fix: 'Surface the nulls instead: route rows with missing required fields aside (`bad = df.filter(col("amount").isNull())` to a quarantine table), or keep the null and add a flag column (`df.withColumn("amount_missing", col("amount").isNull())`) before any fill.',
    hint: 'Route rows with missing required fields to a quarantine table, or flag them, before a fill',
    remediation: ['isNull', 'isNotNull', 'dropna'],
  },
  kind: 'file',
  check({ python }) {
    if (!python) return [];
    const byNode = new Map(python.facts.calls.map((c) => [c.node.id, c]));
    const candidates: CallFact[] = python.facts.calls.filter(isNaFill);
    for (const event of python.lineage.events) {
      const call = event.kind === 'na-fill' ? byNode.get(event.node.id) : undefined;
      if (call) candidates.push(call);
    }
    const nullability = declaredNullability(python);
    const out: RawFinding[] = [];
    const seen = new Set<number>();
    for (const call of candidates) {
      if (seen.has(call.node.id) || !hidesNullable(call, nullability)) continue;
      seen.add(call.node.id);
      const columns = filledColumns(call);
      const what = columns ? `nulls in ${columns.map((c) => `\`${c}\``).join(', ')}` : 'every null';
      out.push({
        span: call.span,
        message: `\`${isNaFill(call) ? 'na.fill' : 'fillna'}(${shortValue(call)})\` replaces ${what} with a constant: missing data becomes indistinguishable from real values`,
        key: call.method,
      });
    }
    return out;
  },
};

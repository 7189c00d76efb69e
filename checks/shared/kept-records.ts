/**
 * Whether a read's records are kept (RULES.md, "File roles" and P3): the read reaches a write
 * or a started query (a Python sink, a SQL streaming table, a pipeline table a function
 * returns), or it is read inside a function, whose frame goes back to a caller (a `@dlt.table`,
 * a helper), unless its only use there is its `.schema` and the function does not return it.
 * A module-level read that only feeds `display()`, a count or its `.schema` keeps
 * nothing: losing its malformed records, or reading it by path to look at it, changes no data.
 */
import type { SourceInfo } from '../../src/model/python-types.js';
import type { FileContext } from '../types.js';
import { lineageEvents } from './flows.js';

export function keptRecords(ctx: Pick<FileContext, 'python' | 'sqlLineage'>): (source: SourceInfo) => boolean {
  const written = new Set<SourceInfo>();
  for (const event of lineageEvents(ctx)) if (event.kind === 'sink') for (const s of event.flow.sources) written.add(s);
  const functions = ctx.python?.facts.functions ?? [];
  const inFunction = (source: SourceInfo): boolean => functions.some((f) => within(source.span, f.span));
  const lineage = ctx.python?.lineage;
  // Read in a function only for its schema (`spark.read.schema(inferred.schema)`), and not handed back: nothing is kept.
  const schemaOnly = (source: SourceInfo): boolean => (lineage?.schemaReads?.has(source) ?? false) && !(lineage?.returnedSources?.has(source) ?? false);
  return (source) => written.has(source) || (inFunction(source) && !schemaOnly(source));
}

function within(inner: SourceInfo['span'], outer: SourceInfo['span']): boolean {
  return inner.line >= outer.line && inner.endLine <= outer.endLine;
}

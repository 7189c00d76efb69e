import { describe, expect, it } from 'vitest';
import { loadPythonParser } from '../../src/model/python-parser.js';
import { SyntaxTree } from '../../src/model/syntax-tree.js';
import { collectFacts } from '../../src/model/python-facts.js';
import { buildLineage } from '../../src/model/lineage.js';
import { InertBodies } from '../../src/model/lineage-inert.js';

async function inertness(source: string): Promise<Map<string, boolean>> {
  const parser = await loadPythonParser();
  const tree = new SyntaxTree(parser.parse(source)!, source);
  const unit = { lineMap: source.split('\n').map((_, i) => i + 1), colOffset: source.split('\n').map(() => 0) };
  const facts = collectFacts(tree, unit);
  const lineage = buildLineage(tree, unit, undefined, facts);
  const inert = new InertBodies(source, facts, lineage.env);
  const out = new Map(facts.functions.map((f) => [f.name, inert.isInert(f.node)]));
  tree.delete();
  return out;
}

describe('InertBodies', () => {
  it('skips only bodies that cannot add to the lineage', async () => {
    const result = await inertness(
      [
        'conf = {"a": 1}',
        'def helper(x):',
        '    return x',
        'def pandas_only(pdf):',
        '    pdf["c"] = pdf["a"] + 1',
        '    return max(len(pdf), 1)',
        'def sink(df):',
        '    df.writeStream.format("delta").start("/p")',
        'def mutates(v):',
        '    c = conf',
        '    c["k"] = v',
        'def calls_local(df):',
        '    return helper(df)',
        'def nested():',
        '    def inner():',
        '        return 1',
        'def with_class():',
        '    class P(StatefulProcessor):',
        '        pass',
        'def registers():',
        '    udf(helper)',
        'def source():',
        '    return spark.read.json("/x")',
        '',
      ].join('\n'),
    );
    expect(Object.fromEntries(result)).toEqual({
      helper: true,
      pandas_only: true,
      sink: false,
      mutates: false,
      calls_local: false,
      nested: false,
      inner: true,
      with_class: false,
      registers: false,
      source: false,
    });
  });

  it('gives the same lineage as evaluating every never-called function', async () => {
    const parser = await loadPythonParser();
    const source = 'raw = spark.readStream.table("t")\nparsed = raw.select(from_json(col("v"), s))\ndef later():\n    w = parsed.writeStream\ndef plain(pdf):\n    return pdf.sort_values("a")\n';
    const unit = { lineMap: source.split('\n').map((_, i) => i + 1), colOffset: source.split('\n').map(() => 0) };
    const tree = new SyntaxTree(parser.parse(source)!, source);
    const facts = collectFacts(tree, unit);
    const strip = (l: ReturnType<typeof buildLineage>) => JSON.stringify(l.events.map(({ node: _n, ...e }) => e));
    expect(strip(buildLineage(tree, unit, undefined, facts))).toBe(strip(buildLineage(tree, unit)));
    expect(buildLineage(tree, unit, undefined, facts).events.map((e) => e.kind)).toEqual(['from-json']);
    tree.delete();
  });
});

/**
 * Inputs and invariants for the property-based tests in test/fuzz: realistic seeds (the
 * spymaster fixture and small Databricks snippets), mutations that break them the way real
 * files break (cut, shuffled, re-indented, re-encoded), and the checks every engine result
 * must pass whatever the input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Finding, InputFile } from '../../src/model/types.js';

export const FIXTURE_ROOT = 'examples/spymaster';

/**
 * Number of generated cases: `base` by default, scaled by FUZZ_SCALE for a longer local run
 * (`FUZZ_SCALE=20 npx vitest run test/fuzz`). Test names print the actual count.
 */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * fuzzScale()));
}

/** Per-test timeout that grows with FUZZ_SCALE (vitest's default of 30 s fits scale 1). */
export function fuzzTimeout(): number {
  return Math.round(30_000 * Math.max(1, fuzzScale()));
}

function fuzzScale(): number {
  const scale = Number(process.env.FUZZ_SCALE ?? '1');
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
}

export interface SeedFile {
  path: string;
  text: string;
}

let seeds: SeedFile[] | undefined;

/** Every text file of the spymaster fixture, with repository-relative paths. */
export function fixtureFiles(): SeedFile[] {
  if (seeds) return seeds;
  const out: SeedFile[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.(py|ipynb|json|ya?ml|sql)$/.test(entry.name)) out.push({ path: relative(FIXTURE_ROOT, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  visit(FIXTURE_ROOT);
  seeds = out.sort((a, b) => (a.path < b.path ? -1 : 1));
  return seeds;
}

export function fixturesEnding(suffix: RegExp): SeedFile[] {
  return fixtureFiles().filter((f) => suffix.test(f.path));
}

/** The cells of the fixture's source notebooks (the text between `# COMMAND ----------` lines). */
export function fixtureCells(): string[] {
  return fixturesEnding(/\.py$/)
    .flatMap((f) => f.text.replace(/^# Databricks notebook source\n/, '').split(/\n# COMMAND -{10}\n/))
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/** Small cells that between them touch every priority's rules. */
export const SNIPPETS: string[] = [
  'df = spark.readStream.format("kafka").option("subscribe", "t").load()',
  'df = spark.readStream.format("kafka").option("maxOffsetsPerTrigger", 1000).load()',
  'src = spark.readStream.format("cloudFiles").option("cloudFiles.format", "json").load("/mnt/raw")',
  'bronze = spark.readStream.table("cat.sch.bronze")',
  'df = df.withWatermark("ts", "10 minutes")',
  'agg = df.groupBy("k").count()',
  'dedup = df.dropDuplicates(["id"])',
  'joined = df.join(bronze, "k")',
  'q = agg.writeStream.format("delta").option("checkpointLocation", "/mnt/cp").trigger(once=True).start("/mnt/out")',
  'q = agg.writeStream.toTable("sch.tbl")',
  'out = df.groupBy("k").applyInPandasWithState(step, schema, schema, "append", GroupStateTimeout.NoTimeout)',
  'def step(key, rows, state):\n    for r in rows:\n        print(r)\n    state.update((json.dumps({"a": 1}),))\n    return iter([])',
  'def transform(df):\n    return df.withColumn("x", F.lit(1)).fillna(0)',
  'try:\n    x = int("a")\nexcept Exception:\n    pass',
  'try:\n    x = 1\nexcept ValueError as e:\n    print(e)',
  'spark.conf.set("spark.sql.streaming.stateStore.providerClass", "com.databricks.sql.streaming.state.RocksDBStateStoreProvider")',
  'spark.conf.set("spark.sql.shuffle.partitions", "8")',
  'df.write.format("delta").save("abfss://c@acct.dfs.core.windows.net/x")',
  'dbutils.fs.mount("wasbs://c@acct.blob.core.windows.net", "/mnt/x")',
  'for i, row in pdf.iterrows():\n    total += row["v"]',
  'parsed = raw.select(F.from_json("value", schema).alias("j")).select("j.*")',
  'EVENTHUB_NAMESPACE = "ehn-prod-01"\nHOST = "https://adb-1234567890123456.7.azuredatabricks.net"',
  'spark.streams.addListener(MyListener())',
  'class Proc(StatefulProcessor):\n    def init(self, handle):\n        self.s = handle.getValueState("s", schema)\n    def handleInputRows(self, key, rows, timer):\n        v = json.loads(self.s.get()[0])',
  '# MAGIC %sql\n# MAGIC SELECT * FROM sch.tbl WHERE x IS NULL;\n# MAGIC CREATE TABLE t LOCATION "abfss://c@a.dfs.core.windows.net/t"',
  '# MAGIC %md\n# MAGIC # Title with `df.groupBy("k").count()`',
  '# MAGIC %run ./helpers',
  '# MAGIC %pip install x',
  'df = spark.read.json("/mnt/x")  # remediation: ignore[P3]',
  // Every string prefix form: a two-letter prefix once hung the literal reader.
  "pat = re.compile(rb'[^:\\s]*').fullmatch\nb = Rb'x' + bR\"y\" + br'''z'''\nf = fr'{pat}' + Rf\"{b}\" + u'u'",
  'df = spark.readStream.format(rb"kafka").option(r"subscribe", Rb"t").load()',
  '# remediation: ignore-file[P6]\nprint("x")',
];

/** Lines inserted by mutations: notebook structure, magics, suppressions, odd Python. */
export const SPECIAL_LINES: string[] = [
  '# Databricks notebook source',
  '-- Databricks notebook source',
  '# COMMAND ----------',
  '-- COMMAND ----------',
  '# COMMAND ----------   ',
  '# MAGIC %sql',
  '# MAGIC %run ./x',
  '# MAGIC %run ../lib/helpers.py',
  '# MAGIC %run',
  '# MAGIC %md',
  '# MAGIC %python',
  '# MAGIC %scala',
  '# MAGIC',
  '# MAGIC SELECT * FROM a.b',
  '-- MAGIC %python',
  '# DBTITLE 1,Configuration',
  '# DBTITLE x',
  '# remediation: ignore[P4]',
  '# remediation: ignore-file[P1,P2,kafka-unbounded]',
  '# remediation: ignore[',
  '%sql',
  '%run ./x',
  '!pip install x',
  'def f(:',
  '"""',
  "'''",
  'f"{',
  '    return',
  '\tx = 1',
  'class A(',
  '@udf',
  'lambda',
  '\\',
  ')))',
  '((((',
];

/** A text edit, with positions as plain numbers so shrinking keeps them meaningful. */
export type Mutation =
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'duplicate'; at: number; count: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'insert-line'; at: number; line: string }
  | { kind: 'insert-text'; at: number; text: string }
  | { kind: 'cut'; at: number }
  | { kind: 'indent'; at: number; prefix: string }
  | { kind: 'dedent'; at: number }
  | { kind: 'crlf' }
  | { kind: 'lone-cr' }
  | { kind: 'bom' }
  | { kind: 'nul'; at: number }
  | { kind: 'nest'; at: number; depth: number; open: string };

/** Any code point, lone surrogates included, a few at a time. */
export const anyText = fc.string({ unit: 'binary', maxLength: 12 });

export function mutationArb(extraLines: string[] = []): fc.Arbitrary<Mutation> {
  const lines = [...SPECIAL_LINES, ...extraLines];
  return fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
    fc.record({ kind: fc.constant('insert-line' as const), at: fc.nat(), line: fc.oneof(fc.constantFrom(...lines), anyText) }),
    fc.record({ kind: fc.constant('insert-text' as const), at: fc.nat(), text: anyText }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), prefix: fc.constantFrom(' ', '  ', '\t', '    ', ' \t ', '        ') }),
    fc.record({ kind: fc.constant('dedent' as const), at: fc.nat() }),
    fc.constant({ kind: 'crlf' as const }),
    fc.constant({ kind: 'lone-cr' as const }),
    fc.constant({ kind: 'bom' as const }),
    fc.record({ kind: fc.constant('nul' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 3000 }), open: fc.constantFrom('(', '[', '{', 'f(', 'x.y(') }),
  );
}

export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = (n: number): number => n % Math.max(lines.length, 1);
  switch (m.kind) {
    case 'delete':
      lines.splice(line(m.at), m.count);
      return lines.join('\n');
    case 'duplicate': {
      const at = line(m.at);
      lines.splice(at, 0, ...lines.slice(at, at + m.count));
      return lines.join('\n');
    }
    case 'swap': {
      const a = line(m.a);
      const b = line(m.b);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'insert-line':
      lines.splice(line(m.at), 0, m.line);
      return lines.join('\n');
    case 'insert-text': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'cut':
      // Cuts anywhere, also inside a surrogate pair or a CRLF.
      return text.slice(0, m.at % (text.length + 1));
    case 'indent':
      lines[line(m.at)] = m.prefix + lines[line(m.at)];
      return lines.join('\n');
    case 'dedent':
      lines[line(m.at)] = lines[line(m.at)].trimStart();
      return lines.join('\n');
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'lone-cr':
      return text.replace(/\n/g, '\r');
    case 'bom':
      return `\uFEFF${text}`;
    case 'nul': {
      const at = m.at % (text.length + 1);
      return `${text.slice(0, at)}\u0000${text.slice(at)}`;
    }
    case 'nest': {
      const close = m.open === '{' ? '}' : m.open === '[' ? ']' : ')';
      lines.splice(line(m.at), 0, `x = ${m.open.repeat(m.depth)}1${close.repeat(m.depth)}`);
      return lines.join('\n');
    }
  }
}

export function mutate(text: string, mutations: Mutation[]): string {
  return mutations.reduce(applyMutation, text);
}

/** `# Databricks notebook source` with the cells between separators. */
export function sourceNotebook(cells: string[]): string {
  return `# Databricks notebook source\n${cells.join('\n\n# COMMAND ----------\n\n')}\n`;
}

/** Lines of a file as an editor counts them: LF, CRLF and a lone CR each end a line. */
export function lineCount(content: string | Uint8Array): number {
  const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/**
 * What every finding must satisfy: it names a file it was given (or the repository, `.`), its lines lie inside that
 * file, it ends no earlier than it starts, and it has a fingerprint no other finding of the
 * run has (diff mode pairs base and head findings by fingerprint).
 */
export function expectSoundFindings(files: InputFile[], findings: Finding[]): void {
  const fingerprints = new Set(findings.map((f) => f.fingerprint));
  expect(fingerprints.size, 'fingerprints are unique within a run').toBe(findings.length);
  const lines = new Map(files.map((f) => [f.path, lineCount(f.content)]));
  for (const f of findings) {
    // Repository-wide findings sit at the repository's root, line 1.
    const count = f.path === '.' ? 1 : lines.get(f.path);
    const where = `${f.rule} at ${f.path}:${f.line}-${f.endLine} (file has ${count} lines): ${f.message.slice(0, 120)}`;
    expect(count, where).toBeDefined();
    expect(Number.isInteger(f.line) && f.line >= 1 && f.line <= count!, where).toBe(true);
    expect(Number.isInteger(f.endLine) && f.endLine >= f.line && f.endLine <= count!, where).toBe(true);
    expect(f.column >= 1, where).toBe(true);
    expect(f.fingerprint, where).toMatch(/^[0-9a-f]{24}$/);
  }
}

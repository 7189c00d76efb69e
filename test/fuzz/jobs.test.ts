/**
 * Job definitions: the Jobs API JSON shapes (create payload, `{job_id, settings}` export,
 * `{jobs: [...]}` list, 2.0 single task) and bundle YAML, with values of the wrong type
 * (arrays for objects, numbers as strings, nulls), YAML anchors, aliases, tabs and odd tags.
 */
import fc from 'fast-check';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { beforeAll, describe, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import type { InputFile } from '../../src/model/types.js';
import { getEngine } from '../helpers/engine.js';
import { expectSoundFindings, fixturesEnding, fuzzTimeout, mutate, mutationArb, runs, sourceNotebook } from '../helpers/fuzz.js';

let engine: Engine;
beforeAll(async () => {
  engine = await getEngine();
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const jobJsons = fixturesEnding(/\.json$/).map((f) => JSON.parse(f.text) as Json);
const bundles = fixturesEnding(/\.ya?ml$/).map((f) => parseYaml(f.text) as Json);

/** Notebooks the fixture jobs run, so job rules also see streaming notebooks. */
const linkedNotebooks: InputFile[] = fixturesEnding(/streaming\/.*\.py$/).map((f) => ({ path: f.path, content: f.text }));
const linkedBatchNotebook: InputFile[] = fixturesEnding(/jobs\/hist__mbo_to_bronze\.py$/).map((f) => ({ path: f.path, content: f.text }));

/** The same job in the shapes the Jobs API and its users produce. */
function shapes(exported: Json): Json[] {
  const settings = (exported as { settings?: Json }).settings ?? exported;
  const first = ((settings as { tasks?: Json[] }).tasks ?? [])[0] ?? {};
  const single = { name: 'single', new_cluster: { spark_version: '13.3.x-scala2.12', num_workers: 0 }, ...(first as object) };
  return [exported, settings, { jobs: [exported, exported] }, [settings], single];
}

/** A structural edit at the `at`-th node (depth first) of a JSON value. */
interface Edit {
  at: number;
  kind: 'to-array' | 'to-string' | 'to-null' | 'to-number' | 'to-object' | 'drop' | 'replace' | 'nest';
  value: Json;
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('to-array', 'to-string', 'to-null', 'to-number', 'to-object', 'drop', 'replace', 'nest'),
  value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
});

function edited(value: Json, edit: Edit): Json {
  let index = 0;
  const target = edit.at;
  const visit = (node: Json): Json | undefined => {
    if (index++ === target) {
      switch (edit.kind) {
        case 'to-array':
          return [node];
        case 'to-string':
          return typeof node === 'object' ? JSON.stringify(node) : String(node);
        case 'to-null':
          return null;
        case 'to-number':
          return typeof node === 'string' && node.trim() !== '' && !Number.isNaN(Number(node)) ? Number(node) : 1;
        case 'to-object':
          return Array.isArray(node) ? Object.fromEntries(node.map((v, i) => [String(i), v])) : { value: node };
        case 'drop':
          return undefined;
        case 'replace':
          return edit.value;
        case 'nest': {
          let out: Json = node;
          for (let i = 0; i < 300; i++) out = [out];
          return out;
        }
      }
    }
    if (Array.isArray(node)) return node.map(visit).filter((v): v is Json => v !== undefined);
    if (node && typeof node === 'object') {
      const out: { [key: string]: Json } = {};
      for (const [k, v] of Object.entries(node)) {
        const next = visit(v);
        if (next !== undefined) out[k] = next;
      }
      return out;
    }
    return node;
  };
  return visit(value) ?? null;
}

const JSON_SHAPES = runs(250);
const JSON_TEXT = runs(150);
const YAML_STRUCT = runs(200);
const YAML_TEXT = runs(200);

describe('fuzz: job JSON', () => {
  it(`the three Jobs API shapes with values of the wrong type (${JSON_SHAPES} cases)`, () => {
    const arb = fc.record({
      job: fc.constantFrom(...jobJsons.flatMap(shapes)),
      edits: fc.array(editArb, { minLength: 1, maxLength: 6 }),
      indent: fc.constantFrom<number | undefined>(undefined, 2),
      // Analysing a notebook costs most of a case: one case in three has one.
      notebook: fc.option(fc.constantFrom(...linkedNotebooks), { nil: undefined, freq: 2 }),
    });
    fc.assert(
      fc.property(arb, ({ job, edits, indent, notebook }) => {
        const files: InputFile[] = [{ path: 'backend/databricks/job_definitions/j.json', content: JSON.stringify(edits.reduce(edited, job), null, indent) }];
        if (notebook) files.push(notebook);
        expectSoundFindings(files, engine.scan(files).findings);
      }),
      { numRuns: JSON_SHAPES },
    );
  }, fuzzTimeout());

  it(`job JSON text cut and edited, with comments and trailing commas (${JSON_TEXT} cases)`, () => {
    const arb = fc.record({
      job: fc.constantFrom(...jobJsons.flatMap(shapes)),
      mutations: fc.array(mutationArb(['// comment', '/* open', '],', '"tasks": [', '"settings": {', '{"new_cluster": 1,}']), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(arb, ({ job, mutations }) => {
        const files: InputFile[] = [{ path: 'jobs/j.json', content: mutate(JSON.stringify(job, null, 2), mutations) }];
        expectSoundFindings(files, engine.scan(files).findings);
      }),
      { numRuns: JSON_TEXT },
    );
  }, fuzzTimeout());
});

/** Bundle YAML written by hand: anchors, merge keys, aliases, targets overriding jobs. */
const HANDWRITTEN_BUNDLE = `bundle:
  name: fuzz
variables:
  spark_version:
    default: 15.4.x-scala2.12
x-cluster: &cluster
  spark_version: \${var.spark_version}
  num_workers: 1
  spark_conf: &conf
    spark.sql.shuffle.partitions: "8"
run_as:
  user_name: someone@example.com
resources:
  jobs:
    stream:
      name: stream
      continuous: {}
      job_clusters:
        - job_cluster_key: c
          new_cluster:
            <<: *cluster
            custom_tags: {team: data}
      tasks:
        - task_key: t
          job_cluster_key: c
          notebook_task:
            notebook_path: ../backend/databricks/streaming/rt__bronze_to_silver.py
        - task_key: each
          for_each_task:
            inputs: "[1, 2]"
            task:
              task_key: inner
              new_cluster: *cluster
              spark_python_task: {python_file: ../src/x.py}
targets:
  prod:
    run_as: {service_principal_name: 1234}
    resources:
      jobs:
        stream:
          email_notifications: {on_failure: [a@b.c]}
        other:
          name: other
          tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/Users/a@b.c/x}}]
`;

const YAML_LINES = [
  '\tname: tabbed',
  '  <<: *cluster',
  '  <<: [*cluster, *conf]',
  '  x: *undefined_anchor',
  '  self: &loop [*loop]',
  'a: &a [*a, *a]',
  '  num_workers: !!str 1',
  '  tasks: !!binary aGVsbG8=',
  '? [complex, key]',
  ': value',
  '---',
  '...',
  '%YAML 1.2',
  '- - - -',
  '  tasks: {',
  '  - [',
  "  'unterminated",
  '  "unterminated',
  '  key: |',
  '  key: >-',
  '  spark_version: 1.5e+3',
  '  continuous: yes',
  '  run_as: ~',
  '  2024-01-01: date',
  '  !!python/object:os.system x: y',
];

describe('fuzz: bundle YAML', () => {
  it(`bundles with values of the wrong type, re-serialised (${YAML_STRUCT} cases)`, () => {
    const arb = fc.record({
      bundle: fc.constantFrom(...bundles, parseYaml(HANDWRITTEN_BUNDLE, { merge: true }) as Json),
      edits: fc.array(editArb, { minLength: 1, maxLength: 6 }),
      path: fc.constantFrom('databricks.yml', 'resources/jobs.yml', 'conf/bundle.yaml'),
    });
    fc.assert(
      fc.property(arb, ({ bundle, edits, path }) => {
        const files: InputFile[] = [{ path, content: toYaml(edits.reduce(edited, bundle)) }, ...linkedBatchNotebook];
        expectSoundFindings(files, engine.scan(files).findings);
      }),
      { numRuns: YAML_STRUCT },
    );
  }, fuzzTimeout());

  it(`bundle text with anchors, aliases, tabs and odd tags, mutated (${YAML_TEXT} cases)`, () => {
    const texts = [HANDWRITTEN_BUNDLE, ...fixturesEnding(/\.ya?ml$/).map((f) => f.text)];
    const arb = fc.record({
      text: fc.constantFrom(...texts),
      mutations: fc.array(mutationArb(YAML_LINES), { minLength: 1, maxLength: 6 }),
      path: fc.constantFrom('databricks.yml', 'resources/jobs.yml', 'deploy/jobs.yaml'),
    });
    fc.assert(
      fc.property(arb, ({ text, mutations, path }) => {
        const files: InputFile[] = [
          { path, content: mutate(text, mutations) },
          { path: 'backend/databricks/streaming/rt__bronze_to_silver.py', content: sourceNotebook(['df = spark.readStream.table("a.b.c")\ndf.groupBy("k").count().writeStream.start()']) },
        ];
        expectSoundFindings(files, engine.scan(files).findings);
      }),
      { numRuns: YAML_TEXT },
    );
  }, fuzzTimeout());
});

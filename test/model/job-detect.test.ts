import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TASK_TYPES, isJobOrPipelineValue, nestingOf } from '../../src/model/job-detect.js';
import { detectJobFileKind, isJobJson, readJobFile } from '../../src/model/jobs.js';
import { isPipelineJson } from '../../src/model/pipelines.js';
import * as posTree from '../../src/model/pos-tree.js';
import { runs } from '../helpers/fuzz.js';

// Counts the positioned parses job detection makes.
vi.mock('../../src/model/pos-tree.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/model/pos-tree.js')>();
  return { ...original, parseJsonPos: vi.fn(original.parseJsonPos), parseJsoncPos: vi.fn(original.parseJsoncPos) };
});

const positionedParses = (): number => vi.mocked(posTree.parseJsonPos).mock.calls.length + vi.mocked(posTree.parseJsoncPos).mock.calls.length;

/** Keys the job and pipeline tests look at, with a few they do not. */
const KEYS = [
  'tasks', 'job_clusters', 'new_cluster', 'settings', 'jobs', 'spec', 'libraries', 'notebook', 'file', 'glob', 'notebook_task',
  'spark_python_task', 'for_each_task', 'sql_task', 'clusters', 'configuration', 'catalog', 'continuous', 'name', 'job_id', 'editor.tabSize',
];

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('object'), tie('array')),
  leaf: fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.constantFrom('', 'x')),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('tree'), { maxKeys: 5 }),
  array: fc.array(tie('tree'), { maxLength: 3 }),
}));

describe('isJobOrPipelineValue', () => {
  it(`answers as isJobJson || isPipelineJson on the positioned tree (${runs(2000)} cases)`, () => {
    let jobs = 0;
    fc.assert(
      fc.property(tree, (value) => {
        const root = posTree.parseJsoncPos(JSON.stringify(value)).root;
        const expected = isJobJson(root) || isPipelineJson(root);
        if (expected) jobs++;
        expect(isJobOrPipelineValue(value)).toBe(expected);
      }),
      { numRuns: runs(2000), seed: 16 },
    );
    // The generator reaches both answers often enough to mean something.
    expect(jobs).toBeGreaterThan(runs(2000) / 50);
  });

  it('knows every task type and every pipeline key the positioned tests know', () => {
    const candidates = [...TASK_TYPES, 'clusters', 'development', 'continuous', 'channel', 'edition', 'catalog', 'target', 'schema', 'serverless', 'photon', 'configuration', 'storage', 'notebook', 'file', 'glob', 'jar', 'whl', 'maven', 'name', 'id', 'tags', 'new_cluster', 'tasks'];
    const shapes = (key: string): unknown[] => [{ [key]: {} }, { settings: { [key]: 1 } }, { libraries: [], [key]: 1 }, { spec: { libraries: [{ [key]: {} }] } }, [{ libraries: [{ [key]: null }] }]];
    for (const key of candidates) {
      for (const value of shapes(key)) {
        const root = posTree.parseJsoncPos(JSON.stringify(value)).root;
        expect(isJobOrPipelineValue(value), JSON.stringify(value)).toBe(isJobJson(root) || isPipelineJson(root));
      }
    }
  });

  it('counts nesting as the text brackets do', () => {
    expect(nestingOf(7, 500)).toBe(0);
    expect(nestingOf({ a: [[], { b: [1] }] }, 500)).toBe(4);
    expect(nestingOf(JSON.parse('['.repeat(600) + ']'.repeat(600)), 500)).toBe(501);
  });
});

describe('readJobFile: JSON that is no job gets no positioned tree', () => {
  beforeEach(() => {
    vi.mocked(posTree.parseJsonPos).mockClear();
    vi.mocked(posTree.parseJsoncPos).mockClear();
  });

  it('for package.json, settings files and sample data that name a job key', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: i, settings: { theme: 'dark' }, libraries: ['a'], tasks: i }));
    expect(readJobFile('package.json', JSON.stringify({ name: 'x', libraries: ['a'], settings: {} }, null, 2))).toBeUndefined();
    expect(readJobFile('.vscode/settings.json', '{"settings": {"editor.tabSize": 2}}')).toBeUndefined();
    expect(readJobFile('data/rows.json', JSON.stringify(rows, null, 2))).toBeUndefined();
    expect(readJobFile('data/plain.json', '[1, 2, 3]')).toBeUndefined();
    expect(positionedParses()).toBe(0);
  });

  it('but a job file gets one, and malformed JSON naming a job key keeps its problems', () => {
    const job = readJobFile('jobs/a.json', '{\n  "name": "a",\n  "tasks": [{"task_key": "t", "notebook_task": {"notebook_path": "nb"}}]\n}');
    expect(job?.jobs[0].tasks[0].notebookPath).toBe('nb');
    expect(job?.jobs[0].span).toEqual({ line: 1, column: 1, endLine: 4, endColumn: 2 });
    expect(positionedParses()).toBe(1);
    const broken = readJobFile('jobs/b.json', '{\n  "name": "b",\n  "tasks": [\n');
    expect(broken?.problems.length).toBeGreaterThan(0);
    expect(broken?.problems[0].message).toMatch(/Invalid JSON/);
    // JSONC (a comment) is no strict JSON: it is decided on jsonc-parser's tree, as before.
    expect(detectJobFileKind('jobs/c.json', '{\n  // nightly\n  "tasks": []\n}')).toBe('job-json');
    expect(detectJobFileKind('jobs/d.json', '{\n  // nightly\n  "settings": {"a": 1}\n}')).toBeUndefined();
  });

  it('and JSON nested deeper than the parsers take is still reported as before', () => {
    const deep = `{"settings": ${'['.repeat(600)}${']'.repeat(600)}}`;
    const model = readJobFile('x.json', deep);
    expect(model?.problems[0].message).toMatch(/nested deeper than 500/);
    expect(model?.jobs).toEqual([]);
  });
});

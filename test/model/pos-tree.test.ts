import { describe, expect, it } from 'vitest';
import { parseJsonPos, parseYamlPos } from '../../src/model/pos-tree.js';
import { bool, get, isFilled, items, keyValueSpan, num, str, walk } from '../../src/model/pos-helpers.js';

describe('parseJsonPos', () => {
  const text = ['{', '  "name": "rt__job",', '  "tasks": [', '    { "task_key": "a", "max_retries": 3, "ok": true }', '  ]', '}'].join('\n');

  it('keeps 1-based lines and columns for values and keys', () => {
    const { root, problems } = parseJsonPos(text);
    expect(problems).toEqual([]);
    const name = get(root, 'name')!;
    expect(str(name)).toBe('rt__job');
    expect(name.span).toEqual({ line: 2, column: 11, endLine: 2, endColumn: 20 });
    expect(name.keySpan).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 9 });
    const task = get(root, 'tasks', 0)!;
    expect(task.span.line).toBe(4);
    expect(num(get(task, 'max_retries'))).toBe(3);
    expect(bool(get(task, 'ok'))).toBe(true);
    expect(keyValueSpan(get(task, 'max_retries')!)).toMatchObject({ line: 4, column: 24, endLine: 4 });
  });

  it('accepts comments and trailing commas', () => {
    const { root, problems } = parseJsonPos('{\n  // job\n  "a": [1, 2,],\n}');
    expect(problems).toEqual([]);
    expect(items(get(root, 'a'))).toHaveLength(2);
  });

  it('reports invalid JSON with its line and still returns what it could read', () => {
    const { root, problems } = parseJsonPos('{\n  "a": 1,\n  "b": ,\n  "c": 2\n}');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].line).toBe(3);
    expect(num(get(root, 'c'))).toBe(2);
  });

  it('never throws on empty, garbage or 10,000 levels of nesting', () => {
    expect(parseJsonPos('')).toEqual({ problems: [] });
    expect(() => parseJsonPos('}}}{{{')).not.toThrow();
    const deep = parseJsonPos('['.repeat(10_000) + ']'.repeat(10_000));
    expect(deep.root).toBeUndefined();
    expect(deep.problems[0].message).toMatch(/nested/);
    const objects = parseJsonPos('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000));
    expect(objects.problems.length).toBeGreaterThan(0);
  });

  it('cuts values nested deeper than 200 levels but keeps the rest', () => {
    const { root, problems } = parseJsonPos('{"x": ' + '['.repeat(300) + ']'.repeat(300) + ', "y": 1}');
    expect(num(get(root, 'y'))).toBe(1);
    expect(problems.some((p) => /200/.test(p.message))).toBe(true);
  });
});

describe('parseYamlPos', () => {
  it('keeps positions of keys and values', () => {
    const { root, problems } = parseYamlPos('resources:\n  jobs:\n    my_job:\n      name: My job\n      tasks:\n        - task_key: a\n');
    expect(problems).toEqual([]);
    const name = get(root, 'resources', 'jobs', 'my_job', 'name')!;
    expect(name.span).toMatchObject({ line: 4, column: 13 });
    expect(name.keySpan).toMatchObject({ line: 4, column: 7 });
    expect(get(root, 'resources', 'jobs', 'my_job')!.keySpan).toMatchObject({ line: 3, column: 5 });
    expect(str(get(root, 'resources', 'jobs', 'my_job', 'tasks', 0, 'task_key'))).toBe('a');
  });

  it('resolves anchors, aliases and merge keys', () => {
    const text = [
      'definitions:',
      '  cluster: &cluster',
      '    spark_version: 15.4.x-scala2.12',
      '    num_workers: 1',
      'a:',
      '  new_cluster: *cluster',
      'b:',
      '  new_cluster:',
      '    <<: *cluster',
      '    num_workers: 4',
    ].join('\n');
    const { root, problems } = parseYamlPos(text);
    expect(problems).toEqual([]);
    const a = get(root, 'a', 'new_cluster')!;
    expect(num(get(a, 'num_workers'))).toBe(1);
    expect(get(a, 'num_workers')!.span.line).toBe(4);
    expect(a.keySpan?.line).toBe(6);
    const b = get(root, 'b', 'new_cluster')!;
    expect(num(get(b, 'num_workers'))).toBe(4);
    expect(str(get(b, 'spark_version'))).toBe('15.4.x-scala2.12');
  });

  it('takes the first document with content', () => {
    const { root } = parseYamlPos('---\n---\nbundle:\n  name: x\n---\nother: 1\n');
    expect(str(get(root, 'bundle', 'name'))).toBe('x');
    expect(get(root, 'other')).toBeUndefined();
  });

  it('reports YAML errors with line numbers', () => {
    const { problems } = parseYamlPos('a: 1\nb: [1, 2\nc: : 3\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.line >= 1)).toBe(true);
    expect(problems.some((p) => p.line >= 2)).toBe(true);
  });

  it('never throws on empty, deep or self-referencing input', () => {
    expect(parseYamlPos('')).toEqual({ problems: [] });
    expect(() => parseYamlPos('['.repeat(10_000) + ']'.repeat(10_000))).not.toThrow();
    expect(() => parseYamlPos('- '.repeat(10_000) + 'x\n')).not.toThrow();
    expect(() => parseYamlPos('a: &a [*a]\n')).not.toThrow();
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]'];
    for (const [prev, next] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g']]) {
      bomb.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const result = parseYamlPos(bomb.join('\n'));
    expect(result.problems.some((p) => /too large/.test(p.message))).toBe(true);
  });
});

describe('pos helpers', () => {
  it('read scalars strictly and walk without recursion', () => {
    const { root } = parseJsonPos('{"a": "1", "b": 1, "c": [], "d": {"e": null}}');
    expect(str(get(root, 'a'))).toBe('1');
    expect(num(get(root, 'a'))).toBeUndefined();
    expect(str(get(root, 'b'))).toBeUndefined();
    expect(get(root, 'c', 0)).toBeUndefined();
    expect(get(root, 'a', 'x')).toBeUndefined();
    expect(isFilled(get(root, 'c'))).toBe(false);
    expect(isFilled(get(root, 'd', 'e'))).toBe(false);
    const keys: string[] = [];
    walk(root, (_n, key) => key && keys.push(key));
    expect(keys).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

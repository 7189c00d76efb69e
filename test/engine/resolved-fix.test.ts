import { describe, expect, it } from 'vitest';
import { getEngine, notebook, toInputs } from '../helpers/engine.js';

describe('fixes in a diff', () => {
  it('a new or existing finding keeps its fix; a resolved one has none (its edits would name the base)', async () => {
    const base = notebook('q = spark.readStream.table("c.s.t").writeStream.trigger(once=True).toTable("c.s.u")');
    const fixed = base.replace('once=True', 'availableNow=True');
    const { findings } = (await getEngine()).diff({ base: toInputs({ 'a.py': base }), head: toInputs({ 'a.py': fixed, 'b.py': base }) });
    const p404 = findings.filter((f) => f.rule === 'P404').map((f) => [f.status, f.path, f.autofix?.safety]);
    expect(p404).toEqual([['new', 'b.py', 'safe'], ['resolved', 'a.py', undefined]]);
  });
});

import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';

const suppressed = async (rule: string, files: Record<string, string>) =>
  (await scanFiles(files)).filter((f) => f.rule === rule && f.suppressed).map((f) => f.line);

const processor = (...lines: string[]) =>
  [
    'from pyspark.sql.streaming import StatefulProcessor',
    'class Book(StatefulProcessor):',
    '    def init(self, handle):',
    ...lines.map((l) => `        ${l}`),
    '    def handleInputRows(self, key, rows, timerValues):',
    '        yield from rows',
    '',
  ].join('\n');

describe('P204 state-no-ttl', () => {
  it('fires on state variables created without a TTL (also an explicit None)', async () => {
    const src = processor(
      'self.count = handle.getValueState("count", "n long")',
      'self.events = handle.getListState("events", event_schema)',
      'self.levels = handle.getMapState("levels", "price double", "size long")',
      'self.last = handle.getValueState("last", "ts long", ttlDurationMs=None)',
      'self.held = handle.getMapState("held", "k string", "v long", None)',
    );
    expect(await linesOf('P204', { 'lib/book.py': src })).toEqual([4, 5, 6, 7, 8]);
  });

  it('does not fire when a TTL is given by keyword, by position, or may come from **kwargs', async () => {
    const src = processor(
      'self.count = handle.getValueState("count", "n long", ttlDurationMs=3_600_000)',
      'self.events = handle.getListState("events", event_schema, TTL_MS)',
      'self.levels = handle.getMapState("levels", "price double", "size long", 60 * 60 * 1000)',
      'self.opts = handle.getValueState("o", "x long", **state_opts)',
    );
    expect(await linesOf('P204', { 'lib/book.py': src })).toEqual([]);
  });

  it('does not fire in markdown, comments or strings, nor on an unrelated bare function', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC `handle.getValueState("count", schema)` holds the count.',
      '# self.count = handle.getValueState("count", "n long")\ndoc = "handle.getMapState(\'a\', \'b\', \'c\')"',
      'def getValueState(name, schema):\n    return None\ngetValueState("a", "b")',
    );
    expect(await linesOf('P204', { 'n.py': nb })).toEqual([]);
  });

  it('is silenced by a suppression on the line above or on the line', async () => {
    const src = processor(
      '# remediation: ignore[P204]',
      'self.count = handle.getValueState("count", "n long")',
      'self.sum = handle.getValueState("sum", "n long")  # remediation: ignore[state-no-ttl]',
    );
    expect(await linesOf('P204', { 'lib/book.py': src })).toEqual([]);
    expect(await suppressed('P204', { 'lib/book.py': src })).toEqual([5, 6]);
  });
});

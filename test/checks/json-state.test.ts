import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';

const suppressed = async (rule: string, files: Record<string, string>) =>
  (await scanFiles(files)).filter((f) => f.rule === rule && f.suppressed).map((f) => f.line);

const STATEFUL = [
  'import json',
  'def process(key, pdfs, state):',
  '    book = json.loads(state.get[0]) if state.exists else {}',
  '    for pdf in pdfs:',
  '        book["n"] = book.get("n", 0) + len(pdf)',
  '    state.update((json.dumps(book),))',
  '    yield pdf',
  '',
  'df = spark.readStream.table("main.raw.events")',
  'out = df.groupBy("k").applyInPandasWithState(process, s, t, "append", "ProcessingTimeTimeout")',
].join('\n');

describe('P203 json-state', () => {
  it('fires on json.loads(state.get) and state.update(json.dumps(...)) in a stateful function', async () => {
    expect(await linesOf('P203', { 'n.py': notebook(STATEFUL) })).toEqual([4, 7]);
  });

  it('follows one assignment and typed state attributes of a StatefulProcessor', async () => {
    const src = [
      'import json',
      'from pyspark.sql.streaming import StatefulProcessor',
      'class Book(StatefulProcessor):',
      '    def init(self, handle):',
      '        self.book = handle.getValueState("book", "json string", ttlDurationMs=60000)',
      '    def handleInputRows(self, key, rows, timerValues):',
      '        raw = self.book.get()[0] if self.book.exists() else "{}"',
      '        book = json.loads(raw)',
      '        blob = json.dumps(book)',
      '        self.book.update((blob,))',
      '        yield from rows',
      '',
    ].join('\n');
    expect(await linesOf('json-state', { 'lib/book.py': src })).toEqual([8, 9]);
  });

  it('does not fire on JSON unrelated to state, outside stateful functions, in comments, strings or markdown', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC `state.update(json.dumps(book))` keeps the book as JSON.',
      [
        'import json',
        'def process(key, pdfs, state):',
        '    # state.update(json.dumps(book))',
        '    payload = json.dumps({"k": key})',
        '    requests.post(URL, data=payload)',
        '    cfg = json.loads(settings.get("x"))',
        '    s = "state.update(json.dumps(book))"',
        '    yield from pdfs',
        'def helper(state):',
        '    return json.loads(state.get("k"))',
        'df = spark.readStream.table("a.b.c")',
        'out = df.groupBy("k").applyInPandasWithState(process, s, t, "append", "ProcessingTimeTimeout")',
      ].join('\n'),
    );
    expect(await linesOf('P203', { 'n.py': nb })).toEqual([]);
  });

  it('is silenced by a suppression on the line above or on the line', async () => {
    const src = STATEFUL.replace('    book = json.loads', '    # remediation: ignore[P203]\n    book = json.loads').replace(
      'state.update((json.dumps(book),))',
      'state.update((json.dumps(book),))  # remediation: ignore[json-state]',
    );
    const nb = notebook(src);
    expect(await linesOf('P203', { 'n.py': nb })).toEqual([]);
    expect(await suppressed('P203', { 'n.py': nb })).toEqual([5, 8]);
  });
});

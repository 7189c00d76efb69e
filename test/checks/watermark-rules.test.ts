import { describe, expect, it } from 'vitest';
import { linesOf, notebook } from '../helpers/engine.js';

describe('P102 dropduplicates-streaming', () => {
  it('fires on dropDuplicates of a stream, also when watermarked', async () => {
    const nb = notebook('s = spark.readStream.table("c.s.t").withWatermark("ts", "1 minute")\nd = s.dropDuplicates(["id"])');
    expect(await linesOf('P102', { 'a.py': nb })).toEqual([3]);
    expect(await linesOf('P101', { 'a.py': nb })).toEqual([]);
  });
  it('does not fire on dropDuplicatesWithinWatermark, batch frames, comments or suppressed lines', async () => {
    const nb = notebook(
      's = spark.readStream.table("c.s.t").withWatermark("ts", "1 minute")\nd = s.dropDuplicatesWithinWatermark(["id"])',
      'b = spark.read.table("c.s.t").dropDuplicates(["id"])\n# s.dropDuplicates()',
      'x = spark.readStream.table("c.s.u")\n# remediation: ignore[P102]\ny = x.dropDuplicates(["id"])',
    );
    expect(await linesOf('P102', { 'a.py': nb })).toEqual([]);
  });
  it('does not fire on dropDuplicates() or distinct() of all columns after a watermark: the event time is in the key', async () => {
    const nb = notebook('s = spark.readStream.table("c.s.t").withWatermark("ts", "1 minute")\nd = s.dropDuplicates()\ne = s.distinct()\nf = spark.readStream.table("c.s.u").dropDuplicates()');
    expect(await linesOf('P102', { 'a.py': nb })).toEqual([5]);
  });
});

describe('P103 stream-join-unbounded', () => {
  it('fires on a stream-stream join without watermarks or a time range', async () => {
    const nb = notebook('a = spark.readStream.table("c.s.a")\nb = spark.readStream.table("c.s.b")\nj = a.join(b, "id")');
    expect(await linesOf('P103', { 'a.py': nb })).toEqual([4]);
    expect(await linesOf('P101', { 'a.py': nb })).toEqual([4]);
  });
  it('fires when watermarked but not time-bounded', async () => {
    const nb = notebook('a = spark.readStream.table("c.s.a").withWatermark("t", "1 hour")\nb = spark.readStream.table("c.s.b").withWatermark("t2", "1 hour")\nj = a.join(b, "id")');
    expect(await linesOf('P103', { 'a.py': nb })).toEqual([4]);
    expect(await linesOf('P101', { 'a.py': nb })).toEqual([]);
  });
  it('does not fire on bounded joins or stream-static joins', async () => {
    const nb = notebook(
      'a = spark.readStream.table("c.s.a").withWatermark("t", "1 hour")\nb = spark.readStream.table("c.s.b").withWatermark("t2", "1 hour")',
      'j = a.join(b, expr("a.id = b.id AND t2 BETWEEN t AND t + interval 1 hour"))',
      'dim = spark.read.table("c.s.dim")\nk = a.join(dim, "id")',
    );
    expect(await linesOf('P103', { 'a.py': nb })).toEqual([]);
  });
});

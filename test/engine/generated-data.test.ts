/**
 * Generator code inside pipeline files (src/model/generated-data.ts): the functions and
 * branches of a job-run file that make up rows are judged as setup code, the rest of the file
 * as pipeline code.
 */
import { describe, expect, it } from 'vitest';
import { scanFiles, type Files } from '../helpers/engine.js';

const JOB = JSON.stringify({ name: 'j', tasks: [{ task_key: 't', spark_python_task: { python_file: 'notebooks/bronze_devices.py' }, max_retries: 2 }], email_notifications: { on_failure: ['a@b.c'] } });

/** A demo stage: `--source generate` fabricates devices, `--source volume` ingests the landed files. */
const STAGE = [
  'import argparse, random', // 1
  'import pandas as pd',
  'from pyspark.sql import SparkSession',
  'spark = SparkSession.getActiveSession()',
  '',
  'class DeviceGenerator:', // 6
  '    def __init__(self, n):',
  '        random.seed(42)',
  '        self.n = n',
  '        self.ids = self._load_ids()', // 10
  '    def _load_ids(self):',
  '        print("loading ids")', // 12: helper only the generator calls
  '        return [r.id for r in spark.read.table("main.ref.device_ids").collect()]',
  '    def generate_devices(self):',
  '        print("generating devices")', // 15: draws random values
  '        return pd.DataFrame([{"id": i, "ram": random.choice([4, 8])} for i in self.ids])',
  '    def bronze_from_pandas(self, raw):',
  '        print("bronze from generated rows")', // 18: only the generate branch calls it
  '        return raw',
  '    def bronze_from_spark(self, raw_spark):', // 20
  '        print("bronze from the volume")', // 21: pipeline
  '        return raw_spark.withColumn("src", raw_spark.id).toPandas()',
  '    def save(self, bronze):',
  '        print("saving bronze")', // 24: pipeline
  '        spark.createDataFrame(bronze).write.mode("append").saveAsTable("main.bronze.devices")',
  '',
  'def main():',
  '    parser = argparse.ArgumentParser()',
  '    args = parser.parse_args()',
  '    gen = DeviceGenerator(100)', // 30
  '    if args.source == "volume":',
  '        bronze = gen.bronze_from_spark(spark.read.json("/Volumes/main/raw/devices"))',
  '    else:',
  '        raw = gen.generate_devices()',
  '        bronze = gen.bronze_from_pandas(raw)', // 35
  '        print("fraud mix", len(raw))', // 36: the generate branch
  '    gen.save(bronze)',
  '    print("done")', // 38: pipeline
  '',
  'if __name__ == "__main__":',
  '    main()',
  '',
].join('\n');

async function p601(files: Files): Promise<number[]> {
  return (await scanFiles(files)).filter((f) => f.rule === 'P601').map((f) => f.line);
}

describe('generator code inside pipeline files', () => {
  it('print-logging skips the functions and branches that make up rows, and keeps the ingest path', async () => {
    expect(await p601({ 'notebooks/bronze_devices.py': STAGE, 'jobs/j.json': JOB })).toEqual([21, 24, 38]);
  });

  it('rules that judge setup code still report there, with the finding role `setup`', async () => {
    const findings = await scanFiles({ 'notebooks/bronze_devices.py': STAGE, 'jobs/j.json': JOB });
    const p304 = findings.filter((f) => f.rule === 'P304');
    expect(p304.map((f) => [f.line, f.role])).toEqual([[32, 'pipeline']]);
    const withGenerated = STAGE.replace('        print("fraud mix", len(raw))', '        extra = spark.read.json("/Volumes/main/raw/extra")');
    const generatedRead = (await scanFiles({ 'notebooks/bronze_devices.py': withGenerated, 'jobs/j.json': JOB })).filter((f) => f.rule === 'P304' && f.line === 36);
    expect(generatedRead.map((f) => f.role)).toEqual(['setup']);
  });

  it('a function making a DataFrame of a generator output is a generator; one handed a DataFrame that draws random values is a transformation', async () => {
    const file = [
      'import random', // 1
      'def generate_events(n, seed=42):',
      '    random.seed(seed)',
      '    return [{"v": random.random()} for _ in range(n)]',
      'def add_noise(df):', // 5
      '    print("adding jitter")', // 6: transformation, pipeline
      '    return df.withColumn("noise", df.v * random.random())',
      'def main():',
      '    rows = generate_events(10)',
      '    print("writing", len(rows))', // 10: writes made-up rows
      '    spark.createDataFrame(rows).write.json("/Volumes/main/raw/events")',
      'def enrich():',
      '    add_noise(spark.read.table("main.s.events")).write.saveAsTable("main.s.noisy")',
      'main()',
      'enrich()',
    ].join('\n');
    expect(await p601({ 'notebooks/raw_events.py': file, 'jobs/j.json': JOB.replace('bronze_devices', 'raw_events') })).toEqual([6]);
  });

  it('a function named for generating that reads nothing itself is a generator, and so is what only it calls (a simulation that loads, draws and saves)', async () => {
    const file = [
      'import random', // 1
      'class AnalystReview:',
      '    def __init__(self):',
      '        self.base = self._load()',
      '    def _load(self):', // 5
      '        print("loading baseline")', // 6: only the simulation builds the class
      '        return spark.read.table("main.s.engine").toPandas()',
      '    def review(self):',
      '        print("simulating reviews")', // 9
      '        return [random.random() < 0.3 for _ in range(len(self.base))]',
      '    def save(self, flags):', // 11
      '        print("saving reviews")', // 12
      '        spark.createDataFrame([(f,) for f in flags], "fraud boolean").write.saveAsTable("main.s.review")',
      'def run_analyst_simulation():',
      '    review = AnalystReview()', // 15
      '    review.save(review.review())',
      '    print("simulation complete")', // 17
      'def generate_report():',
      '    print("report")', // 19: named so, but reads a table itself
      '    spark.read.table("main.s.review").groupBy("fraud").count().write.saveAsTable("main.s.report")',
      'def generate_features(df):',
      '    print("features")', // 22: handed a DataFrame: a transformation
      '    return df.withColumn("r", df.fraud)',
      'run_analyst_simulation()',
      'generate_report()',
      'generate_features(spark.read.table("main.s.review")).write.saveAsTable("main.s.features")',
    ].join('\n');
    expect(await p601({ 'notebooks/analysts_notes.py': file, 'jobs/j.json': JOB.replace('bronze_devices', 'analysts_notes') })).toEqual([19, 22]);
  });

  it('the constructor of a class named for generating is a generator: the reference values it loads to draw from, and their fallbacks, are its part', async () => {
    const file = [
      'import random', // 1
      'class BronzeTransactionsGenerator:',
      '    def __init__(self, n):',
      '        self.n = n',
      '        try:', // 5
      '            self.shapes = load_shapes()',
      '        except Exception as e:',
      '            print(f"no shapes ({e}), using boxes")', // 8: the generator's fallback
      '        self.device_ids = self._load_device_ids()',
      '    def _load_device_ids(self):', // 10
      '        try:',
      '            return [r.device_id for r in spark.read.table("main.s.devices").collect()]',
      '        except Exception:',
      '            print("no device table, making ids up")', // 14: only the constructor calls it
      '            return [f"device_{i}" for i in range(100)]',
      '    def amounts(self):',
      '        return [random.uniform(0, 50) for _ in range(self.n)]',
      '    def bronze_from_spark(self, raw_df):',
      '        print("bronze from the volume")', // 19: handed a DataFrame: pipeline
      '        return raw_df.withColumn("src", raw_df.id)',
      'class TransactionsLoader:',
      '    def __init__(self):',
      '        try:',
      '            self.ids = spark.read.table("main.s.devices").collect()',
      '        except Exception as e:', // 25
      '            print(f"no devices ({e})")', // 26: not a generator class
      'gen = BronzeTransactionsGenerator(10)',
      'gen.bronze_from_spark(spark.read.json("/Volumes/main/raw/tx")).write.saveAsTable("main.s.bronze")',
      'TransactionsLoader()',
    ].join('\n');
    const findings = await scanFiles({ 'notebooks/bronze_transactions.py': file, 'jobs/j.json': JOB.replace('bronze_devices', 'bronze_transactions') });
    const at = (rule: string): number[] => findings.filter((f) => f.rule === rule).map((f) => f.line);
    expect(at('P601')).toEqual([19, 26]);
    // silent-failure judges pipeline code only: the generator's fallbacks are not data lost.
    expect(at('P302')).toEqual([25]);
  });

  it('a class named for generating that draws no random values (a SQL generator) keeps its constructor', async () => {
    const file = [
      'import json, random, time',
      'class MergeSqlGenerator:',
      '    def __init__(self, path):',
      '        try:',
      '            self.spec = json.load(open(path))', // 5
      '        except Exception as e:',
      '            print(f"no spec ({e})")', // 7
      '    def merge(self, table):',
      '        return f"MERGE INTO {table} USING updates ON ..."',
      'def with_retry(fn):', // 10
      '    time.sleep(random.uniform(1, 5))',
      '    return fn()',
      'gen = MergeSqlGenerator("merge.json")',
      'with_retry(lambda: spark.sql(gen.merge("main.s.orders")))',
    ].join('\n');
    expect(await p601({ 'notebooks/merge_orders.py': file, 'jobs/j.json': JOB.replace('bronze_devices', 'merge_orders') })).toEqual([7]);
  });

  it('random values alone do not make a generator: retry jitter in a file with no sign of generating data', async () => {
    const file = [
      'import random, time',
      'def with_retry(fn):',
      '    for attempt in range(3):',
      '        try:',
      '            return fn()',
      '        except IOError:',
      '            print("retrying")', // 7
      '            time.sleep(random.uniform(1, 5))',
      'with_retry(lambda: spark.read.table("main.s.t").write.saveAsTable("main.s.u"))',
    ].join('\n');
    expect(await p601({ 'notebooks/copy_table.py': file, 'jobs/j.json': JOB.replace('bronze_devices', 'copy_table') })).toEqual([7]);
  });
});

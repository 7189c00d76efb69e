/**
 * untested-transform in pull requests, with the real engine: when the pull request is read
 * from the tarball the repository's tests come with it, so a function the pull request adds
 * without a test is new, one untested at the base stays existing, and one a test references
 * is not reported; a small pull request read file by file says in its summary that the rule
 * was not checked.
 */
import { createTwoFilesPatch } from 'diff';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { TESTS_NOT_READ } from '../../src/github/run-pr-check.js';
import { createTestApp, payload, receive } from './support/app.js';
import { FakeGitHub } from './support/fake-github.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const HEAD_SHA = 'c'.repeat(40);
const BASE_MODULE = 'from pyspark.sql import DataFrame\n\ndef legacy(df: DataFrame) -> DataFrame:\n    return df\n';
const HEAD_MODULE = `${BASE_MODULE}\ndef clean(df: DataFrame) -> DataFrame:\n    return df.dropna()\n\ndef enrich(df: DataFrame) -> DataFrame:\n    return df.withColumn("x", df.a)\n`;
const TEST = 'from pipeline.t import clean\n\ndef test_clean(spark):\n    assert clean(spark.range(1)) is not None\n';

function change(path: string, base: string, head: string) {
  // GitHub's patch starts at the first hunk.
  const patch = createTwoFilesPatch(path, path, base, head).split('\n').slice(4).join('\n');
  return { path, base, head, patch };
}

async function check(changed: ReturnType<typeof change>[], sizeKb: number) {
  const head = Object.fromEntries([...changed.map((c) => [c.path, c.head]), ['tests/test_t.py', TEST]]);
  const fake = new FakeGitHub().commit(HEAD_SHA, head).pullRequest(2, changed);
  fake.issues.push({ ...trackingIssue(1, stateFromFiles([])), state: 'open' });
  const { probot } = await createTestApp(await createEngine());
  const event = payload('pull_request.opened');
  event.pull_request.head.sha = HEAD_SHA;
  event.repository.size = sizeKb;
  await receive(probot, 'pull_request.opened', event);
  const [run] = fake.checkRuns;
  return run.output as { summary: string; text?: string; annotations?: { title: string; message: string }[] };
}

describe('untested-transform on pull requests', () => {
  it('read from the tarball, with the tests: the added untested function is new, the tested one and the old one are not', async () => {
    const others = [1, 2, 3].map((i) => change(`src/pipeline/o${i}.py`, `x = ${i}\n`, `x = ${i + 1}\n`));
    const output = await check([change('src/pipeline/t.py', BASE_MODULE, HEAD_MODULE), ...others], 2048);
    const p701 = (output.annotations ?? []).filter((a) => a.title.includes('· P701 '));
    expect(p701.map((a) => a.message)).toEqual([expect.stringContaining('`enrich`')]);
    expect(output.summary).not.toContain(TESTS_NOT_READ);
  });

  it('read file by file (a small pull request): the summary says the rule was not checked', async () => {
    const output = await check([change('src/pipeline/t.py', BASE_MODULE, HEAD_MODULE)], 2048);
    expect((output.annotations ?? []).filter((a) => a.title.includes('· P701 '))).toEqual([]);
    expect(output.summary).toContain(TESTS_NOT_READ);
  });
});

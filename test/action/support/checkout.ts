/**
 * A fake Actions job for the Action's tests: a temporary git checkout whose last commit
 * changed a small notebook, event files made from the recorded @octokit/webhooks-examples
 * payloads, and the runner's variables pointing at them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE_NOTEBOOK = ['# Databricks notebook source', 'df = spark.read.table("bronze")', 'df.write.saveAsTable("silver")', ''].join('\n');
export const HEAD_NOTEBOOK = [
  '# Databricks notebook source',
  'events = spark.readStream.format("delta").table("bronze")',
  'counts = events.groupBy("key").count()',
  'counts.writeStream.outputMode("complete").toTable("silver")',
  '',
].join('\n');

export interface Checkout {
  dir: string;
  workspace: string;
  git: (...args: string[]) => string;
  /** A recorded payload, edited, written to the job's event file; its path. */
  event: (name: string, edit?: (payload: any) => void) => string;
  /** The runner's variables for one event. */
  vars: (eventName: string, eventPath: string, extra?: Record<string, string>) => Record<string, string>;
  remove: () => void;
}

export function recordedPayload(name: string): any {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/payloads', `${name}.json`), 'utf8'));
}

export function makeCheckout(): Checkout {
  const dir = mkdtempSync(join(tmpdir(), 'remediation-action-'));
  const workspace = join(dir, 'ws');
  mkdirSync(join(workspace, 'pipelines'), { recursive: true });
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: workspace, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'master');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'CI');
  writeFileSync(join(workspace, 'pipelines', 'silver.py'), BASE_NOTEBOOK);
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  writeFileSync(join(workspace, 'pipelines', 'silver.py'), HEAD_NOTEBOOK);
  git('commit', '-q', '-am', 'head');
  return {
    dir,
    workspace,
    git,
    event: (name, edit) => {
      const payload = recordedPayload(name);
      edit?.(payload);
      const path = join(dir, 'event.json');
      writeFileSync(path, JSON.stringify(payload));
      return path;
    },
    vars: (eventName, eventPath, extra = {}) => ({
      GITHUB_TOKEN: 'ghs_test',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'Codertocat/Hello-World',
      GITHUB_SHA: git('rev-parse', 'HEAD'),
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      'INPUT_TRACKING-ISSUE': 'true',
      ...extra,
    }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

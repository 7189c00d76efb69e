/**
 * Builds job models and file contexts for job rule tests. `lineOf` finds the
 * 1-based line of the first line containing a marker, so tests assert exact lines
 * without counting by hand.
 */
import { buildJobsModel } from '../../src/model/jobs.js';
import type { JobsModel } from '../../src/model/types.js';
import type { FileContext, FileRule, RawFinding } from '../../checks/types.js';
import { emptyRepoView } from './repo-view-stub.js';

export function jsonJob(value: unknown, path = 'jobs/job.json'): JobsModel {
  return buildJobsModel(path, 'job-json', JSON.stringify(value, null, 2));
}

export function yamlJobs(text: string, path = 'resources/jobs.yml'): JobsModel {
  return buildJobsModel(path, 'bundle-yaml', text);
}

export function fileContext(model: JobsModel): FileContext {
  return { model, sql: [], repo: emptyRepoView() };
}

export function run(rule: FileRule, model: JobsModel): RawFinding[] {
  return rule.check(fileContext(model));
}

export function lineOf(model: JobsModel, marker: string, from = 1): number {
  const index = model.lines.findIndex((line, i) => i + 1 >= from && line.includes(marker));
  if (index < 0) throw new Error(`marker not found: ${marker}`);
  return index + 1;
}

export function lines(findings: RawFinding[]): number[] {
  return findings.map((f) => f.span.line).sort((a, b) => a - b);
}

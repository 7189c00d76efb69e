/**
 * Notebooks run by hand: a person runs the cells and reads what they print (an exercise, a
 * tutorial, a one-off check). Rules about production code, the code that runs with nobody
 * watching, do not judge them (`onlyUnattended` in roles.ts: P6 metrics, where output with no
 * level never reaches a log sink, and P7 testing); every other rule does. A notebook runs
 * unattended when:
 * - a job or pipeline of the repository runs it;
 * - it reads job parameters or passes task values (`dbutils.widgets.get`, `getArgument`,
 *   `dbutils.jobs.taskValues`, `dbutils.notebook.exit`): a job's task defined in the workspace
 *   (https://docs.databricks.com/en/jobs/task-values.html);
 * - it starts a streaming query (the query runs on after the cell returns);
 * - it is Lakeflow pipeline source (`import dlt`, `pyspark.pipelines`);
 * - its path names a job, task, workflow or pipeline (`Jobs/Job07-task-03-fraud-txns`);
 * - a job defined in the repository's code runs it (`"notebook_task": {"notebook_path": ...}` in
 *   a RUNME notebook's `job_json`);
 * - it only defines functions and classes (no call outside them): a library notebook for `%run`;
 * - a notebook that runs unattended includes it with `%run` or runs it with `dbutils.notebook.run`.
 * Modules are never hand-run: they run when something imports or calls them. Pure.
 */
import { isReadNotebook } from '../model/classify.js';
import type { RoleFacts, RoleInput } from './roles.js';

const PARAMETER_CALL = /^(?:dbutils\.widgets\.get(?:All)?|dbutils\.widgets\.getArgument|getArgument|dbutils\.jobs\.taskValues\.\w+|dbutils\.notebook\.exit)$/;
const PIPELINE_IMPORT = /^(?:dlt|pyspark\.pipelines)\b/;
// Word-bounded like the setup words of roles.ts: `jobs/`, `-task-`, `_workflow`, but not `taskbar`.
const UNATTENDED_PATH = /(?:^|[/_\-. \d])(?:jobs?|tasks?|workflows?|pipelines?)(?:$|[/_\-. \d])/i;

/** The file on its own looks run by hand (its includers are judged by `handRunFiles`). */
export function looksHandRun(facts: RoleFacts): boolean {
  const { model, python } = facts;
  if (model.kind !== 'code' || !isReadNotebook(model.fileKind) || facts.runByJob) return false;
  if (UNATTENDED_PATH.test(model.path)) return false;
  if (!python) return true;
  if (python.lineage.queriesStarted > 0) return false;
  // A notebook that only defines (no call outside its functions) is a library others `%run`.
  if (python.facts.calls.every((call) => call.enclosingFunction !== undefined)) return false;
  if (python.facts.imports.some((name) => PIPELINE_IMPORT.test(name))) return false;
  return !python.facts.calls.some((call) => PARAMETER_CALL.test(call.callee));
}

/** Paths of the notebooks run by hand: those that look it, minus what an unattended file includes or runs (transitively). */
export function handRunFiles(files: readonly RoleInput[], configured: (path: string) => unknown = () => undefined): Set<string> {
  // A role the repository config gives a path is the team's word on it: judged by that role alone.
  const handRun = new Set(files.filter((f) => f.handRun && !configured(f.path)).map((f) => f.path));
  if (handRun.size === 0) return handRun;
  const byPath = new Map(files.map((f) => [f.path, f]));
  // A job defined in code (a RUNME notebook's `job_json`) runs its notebooks, whoever deploys it.
  const queue = files.filter((f) => !f.handRun);
  for (const file of files) {
    for (const path of file.jobRuns) {
      const run = byPath.get(path);
      if (run && handRun.delete(path)) queue.push(run);
    }
  }
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const path of file.includes) {
      if (!handRun.delete(path)) continue;
      const included = byPath.get(path);
      if (included) queue.push(included);
    }
  }
  return handRun;
}

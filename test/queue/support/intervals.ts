/** Start and end of each job from the queue's events, to check what ran at the same time. */
import type { Job } from '../../../src/queue/jobs.js';
import type { JobEvent } from '../../../src/queue/types.js';

export interface Interval {
  job: Job;
  start: number;
  end: number;
}

export function intervals(events: JobEvent[]): Interval[] {
  const open = new Map<string, number>();
  const done: Interval[] = [];
  for (const event of events) {
    if (event.phase === 'start') open.set(event.job.id, event.at);
    if (event.phase === 'end') {
      done.push({ job: event.job, start: open.get(event.job.id) ?? event.at, end: event.at });
      open.delete(event.job.id);
    }
  }
  return done.sort((a, b) => a.start - b.start);
}

/** Pairs of jobs of the same repository whose runs overlapped. */
export function overlapping(runs: Interval[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [i, a] of runs.entries()) {
    for (const b of runs.slice(i + 1)) {
      const sameRepo = `${a.job.repository.owner}/${a.job.repository.repo}`.toLowerCase() === `${b.job.repository.owner}/${b.job.repository.repo}`.toLowerCase();
      if (sameRepo && a.start < b.end && b.start < a.end) pairs.push([a.job.id, b.job.id]);
    }
  }
  return pairs;
}

/**
 * The check runs the app has started and not yet completed, with the job that started
 * them. A run still listed here when its job is gone was interrupted (a crash, a deploy):
 * it is completed as such at shutdown, at the next job of its repository, or at startup.
 * In memory without Redis; in a Redis hash with it, so another instance or the next
 * process can finish what a dead one left.
 */
import type { Redis } from 'ioredis';

export interface InflightRun {
  installationId: number;
  owner: string;
  repo: string;
  htmlUrl: string;
  checkRunId: number;
  headSha: string;
  jobId: string;
  /** Epoch milliseconds. */
  startedAt: number;
}

export interface InflightStore {
  add(run: InflightRun): Promise<void>;
  remove(run: Pick<InflightRun, 'owner' | 'repo' | 'checkRunId'>): Promise<void>;
  list(): Promise<InflightRun[]>;
}

const field = (run: Pick<InflightRun, 'owner' | 'repo' | 'checkRunId'>): string => `${run.owner}/${run.repo}#${run.checkRunId}`.toLowerCase();

export function memoryInflightStore(): InflightStore {
  const runs = new Map<string, InflightRun>();
  return {
    add: async (run) => void runs.set(field(run), run),
    remove: async (run) => void runs.delete(field(run)),
    list: async () => [...runs.values()],
  };
}

export function redisInflightStore(redis: Redis, prefix: string): InflightStore {
  const key = `${prefix}:inflight`;
  return {
    add: async (run) => void (await redis.hset(key, field(run), JSON.stringify(run))),
    remove: async (run) => void (await redis.hdel(key, field(run))),
    async list() {
      const all = await redis.hgetall(key);
      return Object.values(all).flatMap((value) => {
        try {
          return [JSON.parse(value) as InflightRun];
        } catch {
          return [];
        }
      });
    },
  };
}

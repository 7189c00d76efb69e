import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertRedisReachable, withDotEnv } from '../../src/github/app/startup.js';
import { redisTarget, redisUnreachable } from '../../src/queue/redis-reachable.js';
import { describeWithRedis } from '../helpers/redis.js';

const root = new URL('../../', import.meta.url);

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('redisTarget', () => {
  it('names host and port, never the credentials', () => {
    expect(redisTarget('redis://:hunter2@redis.internal:6380/2')).toBe('redis.internal:6380');
    expect(redisTarget('rediss://app:hunter2@cache.example.com')).toBe('cache.example.com:6379');
    expect(redisTarget('redis://localhost')).toBe('localhost:6379');
    expect(redisTarget('6380')).toBe('6380');
  });
});

describe('an unreachable REDIS_URL at start-up', () => {
  it('is one error naming REDIS_URL and the host, without the password', async () => {
    const port = await closedPort();
    const error = await assertRedisReachable({ REDIS_URL: `redis://:hunter2@127.0.0.1:${port}` }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.name).toBe('RedisUnreachableError');
    expect(error?.message).toBe(
      `REDIS_URL is set but Redis at 127.0.0.1:${port} cannot be reached (connect ECONNREFUSED 127.0.0.1:${port}). ` +
        'Start Redis there, correct REDIS_URL, or unset it to run one instance with the in-process queue.',
    );
  });

  it('is not checked without REDIS_URL', async () => {
    await expect(assertRedisReachable({ REDIS_URL: ' ' })).resolves.toBeUndefined();
  });

  it('stops `npm start` with exactly one line and status 1, before Probot connects', async () => {
    const port = await closedPort();
    const cwd = mkdtempSync(join(tmpdir(), 'remediation-start-'));
    const result = spawnSync(process.execPath, ['--import', new URL('node_modules/tsx/dist/loader.mjs', root).href, new URL('src/main.ts', root).pathname], {
      cwd,
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env.PATH, WEBHOOK_SECRET: 'not-the-default', REDIS_URL: `redis://127.0.0.1:${port}`, PORT: '0' },
    });
    const lines = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toEqual([`RedisUnreachableError: REDIS_URL is set but Redis at 127.0.0.1:${port} cannot be reached (connect ECONNREFUSED 127.0.0.1:${port}). Start Redis there, correct REDIS_URL, or unset it to run one instance with the in-process queue.`]);
    expect(result.status).toBe(1);
  }, 40_000);
});

describe('withDotEnv', () => {
  it('applies .env over the environment, as Probot does', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'remediation-env-'));
    expect(withDotEnv({ REDIS_URL: 'redis://a' }, cwd)).toEqual({ REDIS_URL: 'redis://a' });
    writeFileSync(join(cwd, '.env'), 'REDIS_URL=redis://b:6380\nAPP_ID=12\n');
    expect(withDotEnv({ REDIS_URL: 'redis://a', PORT: '3000' }, cwd)).toEqual({ REDIS_URL: 'redis://b:6380', APP_ID: '12', PORT: '3000' });
  });
});

describeWithRedis('a reachable REDIS_URL', (url) => {
  it('passes', async () => {
    await expect(redisUnreachable(url)).resolves.toBeUndefined();
  });
});

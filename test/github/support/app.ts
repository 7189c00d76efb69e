/** Builds a Probot instance running the app against nock, with a throwaway RSA key. */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Probot, ProbotOctokit } from 'probot';
import type { Engine } from '../../../src/engine/engine.js';
import { createRemediationApp } from '../../../src/index.js';

let privateKey: string | undefined;

function testKey(): string {
  privateKey ??= generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } }).privateKey;
  return privateKey;
}

export const FIXED_NOW = new Date('2025-06-01T12:00:00Z');

export interface TestApp {
  probot: Probot;
  sleeps: number[];
}

export async function createTestApp(engine: Engine): Promise<TestApp> {
  const sleeps: number[] = [];
  const probot = new Probot({
    appId: 1,
    privateKey: testKey(),
    logLevel: 'fatal',
    // A function, not an object: Probot passes its own `throttle` options per instance, and
    // an object default would be shallow-merged under them (leaving the 1 s write pacing on).
    Octokit: ProbotOctokit.defaults((options: object) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...(options as { throttle?: object }).throttle, enabled: false },
    })),
  });
  await probot.load(
    createRemediationApp({
      engine: async () => engine,
      now: () => FIXED_NOW,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    }),
  );
  return { probot, sleeps };
}

export function payload(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../fixtures/payloads/${name}.json`, import.meta.url), 'utf8'));
}

export async function receive(probot: Probot, name: string, body: any): Promise<void> {
  const event = name.split('.')[0];
  await probot.receive({ id: `delivery-${name}`, name: event as any, payload: body });
}

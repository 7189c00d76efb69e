/**
 * The tracking issue's memory: a versioned JSON block, deflated and base64-encoded in
 * an HTML comment at the end of the body. The visible text is always re-rendered from
 * it, so users may edit the text without losing the baseline or history. Pure.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';

export const ISSUE_MARKER = '<!-- remediation-tracking-issue -->';
const STATE_PATTERN = /<!-- remediation-state v(\d+) ([A-Za-z0-9+/=]+) -->/;
const VERSION = 1;

const priority = z.number().int().min(1).max(8);
const severity = z.enum(['failure', 'warning', 'notice']);

/** A finding as remembered: short hash, rule, location. */
const item = z.object({ h: z.string(), r: z.string(), n: z.string(), p: priority, f: z.string(), l: z.number().int(), v: severity, s: z.literal(1).optional() });
const resolvedItem = z.object({ h: z.string(), r: z.string(), n: z.string(), p: priority, f: z.string(), pr: z.number().int().optional(), sha: z.string(), at: z.string() });
const pullRecord = z.object({ sha: z.string(), resolves: z.array(z.string()), merged: z.boolean().optional(), at: z.string() });
const ignoreRecord = z.object({ selector: z.string(), path: z.string().optional(), reason: z.string(), by: z.string(), pr: z.number().int().optional(), at: z.string() });
const perPriority = <T extends z.ZodTypeAny>(value: T) => z.record(z.enum(['1', '2', '3', '4', '5', '6', '7', '8']), value);

export const trackingStateSchema = z.object({
  v: z.literal(VERSION),
  baseline: z.object({ sha: z.string(), at: z.string(), counts: perPriority(z.number().int()) }).nullable(),
  scan: z.object({ sha: z.string(), branch: z.string(), at: z.string(), method: z.string().optional() }).nullable(),
  /** Findings of the last scan; `s: 1` marks suppressed ones. */
  items: z.array(item),
  /** Hashes of further findings of the last scan, not listed to keep the issue within its size limit. */
  more: perPriority(z.array(z.string())),
  /** Findings resolved since the baseline, per priority: progress is done / (done + current). */
  done: perPriority(z.number().int()),
  recent: z.array(resolvedItem),
  prs: z.record(z.string(), pullRecord),
  ignores: z.array(ignoreRecord),
  muted: z.array(priority),
});

export type TrackingState = z.infer<typeof trackingStateSchema>;
export type TrackedItem = z.infer<typeof item>;
export type ResolvedItem = z.infer<typeof resolvedItem>;
export type IgnoreRecord = z.infer<typeof ignoreRecord>;
export type PriorityKey = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8';

export function emptyState(): TrackingState {
  return { v: VERSION, baseline: null, scan: null, items: [], more: {}, done: {}, recent: [], prs: {}, ignores: [], muted: [] };
}

/** 10 characters (60 bits) of a SHA-256: short enough for thousands in one issue, collisions negligible. */
export function shortHash(fingerprint: string): string {
  return createHash('sha256').update(fingerprint).digest('base64url').slice(0, 10);
}

export function encodeState(state: TrackingState): string {
  const packed = deflateRawSync(Buffer.from(JSON.stringify(state), 'utf8'), { level: 9 }).toString('base64');
  return `<!-- remediation-state v${VERSION} ${packed} -->`;
}

export type DecodeResult = { ok: true; state: TrackingState } | { ok: false; reason: 'missing' | 'invalid' };

export function decodeState(body: string | null | undefined): DecodeResult {
  const match = STATE_PATTERN.exec(body ?? '');
  if (!match) return { ok: false, reason: 'missing' };
  if (Number(match[1]) !== VERSION) return { ok: false, reason: 'invalid' };
  try {
    const json: unknown = JSON.parse(inflateRawSync(Buffer.from(match[2], 'base64'), { maxOutputLength: 8 * 1024 * 1024 }).toString('utf8'));
    const parsed = trackingStateSchema.safeParse(json);
    return parsed.success ? { ok: true, state: parsed.data } : { ok: false, reason: 'invalid' };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

export function hasMarker(body: string | null | undefined): boolean {
  return (body ?? '').includes(ISSUE_MARKER);
}

/**
 * What to send again when the Checks API refuses an update with 422. The app already
 * keeps within the documented limits (50 annotations per request, title 255 and message
 * 64 KB per annotation, summary and text 65535), but GitHub's counting can differ from
 * ours (characters against bytes, limits changed or undocumented): a refused request is
 * shrunk where the error points, or everywhere when it does not say, and sent again,
 * rather than failing the whole run. Pure.
 * https://docs.github.com/en/rest/checks/runs#update-a-check-run
 */
import type { Annotation } from './check-run.js';
import type { CheckOutput } from './render/check-summary.js';

/** Which part of the request GitHub complained about. */
export type Refusal = 'annotation-text' | 'annotation-count' | 'output-text' | 'unspecified';

/** Current sizes allowed; each refusal lowers one or more of them. */
export interface Fit {
  batchSize: number;
  titleChars: number;
  messageChars: number;
  /** Longest summary and text (characters); Infinity until GitHub refuses one. */
  outputChars: number;
}

export const INITIAL_FIT: Fit = { batchSize: 50, titleChars: 255, messageChars: 60_000, outputChars: Number.POSITIVE_INFINITY };

const FLOOR: Fit = { batchSize: 1, titleChars: 60, messageChars: 200, outputChars: 2_000 };
const CUT_NOTE = '\n\n_(Cut short: GitHub refused the full text.)_\n';

interface ErrorLike {
  status?: number;
  message?: string;
  response?: { data?: unknown };
}

/** The refusal behind a 422, else undefined (other errors are not ours to shrink away). */
export function refusalOf(error: unknown): Refusal | undefined {
  const e = error as ErrorLike;
  if (e?.status !== 422) return undefined;
  const text = refusalText(e);
  const annotation = /annotation/i.test(text);
  const tooLong = /too long|characters|bytes|length/i.test(text);
  if (annotation && (/\b(title|message|raw_details)\b/i.test(text) || tooLong)) return 'annotation-text';
  if (annotation) return 'annotation-count';
  if (/\b(summary|text|output)\b/i.test(text) || tooLong) return 'output-text';
  return 'unspecified';
}

/**
 * The words of a refusal: the response's `message` and each error's field, code and
 * message. Values only: Octokit's own error message embeds the errors as JSON, whose
 * keys (`"message"`) would read as a complaint about annotation messages.
 */
function refusalText(e: ErrorLike): string {
  const data = e.response?.data;
  if (typeof data !== 'object' || data === null) return `${e.message ?? ''} ${typeof data === 'string' ? data : ''}`;
  const { message, errors } = data as { message?: unknown; errors?: unknown };
  const details = Array.isArray(errors) ? errors.flatMap((item) => (typeof item === 'string' ? [item] : Object.values(item ?? {}).filter((v) => typeof v === 'string'))) : [];
  return [message, ...details].filter((v) => typeof v === 'string').join(' ');
}

/** The next, smaller fit for a refusal; undefined when nothing it concerns can shrink further. */
export function shrinkFit(fit: Fit, refusal: Refusal, sent: { annotations: number; outputChars: number }): Fit | undefined {
  const next: Fit = { ...fit };
  if (refusal === 'annotation-count' || refusal === 'unspecified') next.batchSize = Math.max(FLOOR.batchSize, Math.floor(Math.min(fit.batchSize, sent.annotations) / 2));
  if (refusal === 'annotation-text' || refusal === 'unspecified') {
    next.titleChars = Math.max(FLOOR.titleChars, Math.floor(fit.titleChars / 2));
    next.messageChars = Math.max(FLOOR.messageChars, Math.floor(Math.min(fit.messageChars, 8_000) / 2));
  }
  if (refusal === 'output-text' || refusal === 'unspecified') next.outputChars = Math.max(FLOOR.outputChars, Math.floor(Math.min(fit.outputChars, sent.outputChars) / 2));
  const changed = (Object.keys(fit) as (keyof Fit)[]).some((key) => next[key] < fit[key]);
  return changed ? next : undefined;
}

export function fitAnnotation(annotation: Annotation, fit: Fit): Annotation {
  const details = annotation.raw_details === undefined ? {} : { raw_details: clip(annotation.raw_details, fit.messageChars) };
  return { ...annotation, title: clip(annotation.title, fit.titleChars), message: clip(annotation.message, fit.messageChars), ...details };
}

export function fitOutput(output: CheckOutput, fit: Fit): CheckOutput {
  const cut = (text: string): string => (text.length <= fit.outputChars ? text : cutAtLine(text, fit.outputChars - CUT_NOTE.length) + CUT_NOTE);
  return { title: clip(output.title, 255), summary: cut(output.summary), ...(output.text !== undefined ? { text: cut(output.text) } : {}) };
}

/** Longest summary or text of an output, to halve from. */
export function outputChars(output: CheckOutput): number {
  return Math.max(output.summary.length, output.text?.length ?? 0);
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${dropLoneSurrogate(text.slice(0, max - 1))}…`;
}

/** Cut at the last line break that keeps at least half the room, so tables and lists stay whole. */
function cutAtLine(text: string, max: number): string {
  const head = dropLoneSurrogate(text.slice(0, Math.max(0, max)));
  const lineEnd = head.lastIndexOf('\n');
  return lineEnd >= max / 2 ? head.slice(0, lineEnd) : head;
}

function dropLoneSurrogate(text: string): string {
  return /[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text;
}

/**
 * The webhook endpoint, in place of `@octokit/webhooks`' Node middleware (which buffers
 * any body whole before it looks at the signature, and logs a rejected payload in full).
 *
 * In order, each step before any work the next one costs:
 * - a missing signature, event or delivery header is refused before the body is read;
 * - a declared `Content-Length` over the cap is refused before the body is read, and a
 *   body that grows over it while streaming is cut off (GitHub caps payloads at 25 MB:
 *   https://docs.github.com/en/webhooks/webhook-events-and-payloads#payload-cap);
 * - the signature is checked over the raw bytes; a forgery is one short log line;
 * - only then is the JSON parsed and handed to Probot's handlers.
 * Answers never carry internal error text.
 * https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'probot';

export interface WebhookReceiver {
  verify(payload: string, signature: string): Promise<boolean>;
  receive(event: { id: string; name: string; payload: unknown }): Promise<void>;
}

export interface EndpointOptions {
  path: string;
  maxBytes: number;
  log: Logger;
}

/** Probot's middleware signature (its `next` is typed `Function`). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next?: Function) => Promise<boolean>;

const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/i;
const REQUIRED_HEADERS = ['x-github-event', 'x-github-delivery', 'x-hub-signature-256'] as const;

/** An error a handler may throw to answer 4xx: the payload lacks what the event needs. */
export interface StatusError {
  status?: number;
}

export function webhookEndpoint(webhooks: WebhookReceiver, options: EndpointOptions): NodeMiddleware {
  const { log } = options;
  return async (req, res, next) => {
    if (pathOf(req.url) !== options.path) {
      next?.();
      return false;
    }
    if (req.method !== 'POST') return answer(req, res, 404, 'not found');
    if (!JSON_TYPE.test(header(req, 'content-type') ?? '')) return answer(req, res, 415, 'Content-Type must be application/json');
    if (REQUIRED_HEADERS.some((name) => !header(req, name))) return answer(req, res, 400, 'required webhook headers missing');
    const declared = Number(header(req, 'content-length') ?? '0');
    if (Number.isFinite(declared) && declared > options.maxBytes) return answer(req, res, 413, 'payload too large');
    const body = await readCapped(req, options.maxBytes);
    if (body === 'too-large') return answer(req, res, 413, 'payload too large');
    if (body === 'aborted') return true;
    const id = clip(header(req, 'x-github-delivery')!);
    const name = clip(header(req, 'x-github-event')!);
    const text = body.toString('utf8');
    const signed = await webhooks.verify(text, header(req, 'x-hub-signature-256')!).catch(() => false);
    if (!signed) {
      log.warn({ delivery: id, event: name, bytes: body.length }, 'webhook signature rejected');
      return answer(req, res, 400, 'signature does not match');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      log.warn({ delivery: id, event: name }, 'signed webhook is not JSON');
      return answer(req, res, 400, 'invalid JSON');
    }
    try {
      await webhooks.receive({ id, name, payload });
    } catch (error) {
      // The handlers have logged the cause; the answer says only whether a redelivery could help.
      const status = clientError(error) ? 400 : 500;
      return answer(req, res, status, status === 400 ? 'malformed payload' : 'the event could not be handled');
    }
    return answer(req, res, 200, undefined);
  };
}

function pathOf(url: string | undefined): string | undefined {
  try {
    const { pathname } = new URL(url ?? '/', 'http://localhost');
    return pathname.replace(/\/+$/, '') || '/';
  } catch {
    return undefined;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function clip(value: string): string {
  return value.slice(0, 100);
}

/** Reads at most `max` bytes; stops reading (and lets the connection go) beyond that. */
function readCapped(req: IncomingMessage, max: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        chunks.length = 0;
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', () => resolve('aborted'));
    req.once('aborted', () => resolve('aborted'));
  });
}

function clientError(error: unknown): boolean {
  const inner = error instanceof AggregateError ? error.errors : [error];
  return inner.length > 0 && inner.every((e) => {
    const status = (e as StatusError | undefined)?.status;
    return typeof status === 'number' && status >= 400 && status < 500;
  });
}

/**
 * Ends the exchange. When the body was not (fully) read, the connection is closed
 * after the answer instead of draining what the client still sends.
 */
function answer(req: IncomingMessage, res: ServerResponse, status: number, error: string | undefined): true {
  const unread = !req.readableEnded;
  const body = error === undefined ? 'ok\n' : `${JSON.stringify({ error })}\n`;
  res.writeHead(status, { 'content-type': error === undefined ? 'text/plain' : 'application/json', ...(unread ? { connection: 'close' } : {}) });
  res.end(body, () => {
    if (unread) req.destroy();
  });
  return true;
}

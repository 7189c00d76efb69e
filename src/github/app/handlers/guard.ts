/**
 * Every webhook handler runs behind this guard. The payload is checked first for the
 * fields the handler reads (a signed delivery can still lack them: an old GitHub
 * Enterprise, a test tool), and answered 400 when it lacks them. Whatever a handler
 * throws becomes one log line and a failure without internal text or the payload:
 * `@octokit/webhooks` attaches the whole event to each error and Probot logs it, which
 * for a 1 MB delivery is megabytes of log per failure.
 */
import type { Context } from 'probot';
import type { ZodType } from 'zod';

/** Thrown to the webhook layer: a status, a fixed message, and no event attached. */
export class HandlerFailure extends Error {
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.name = 'HandlerFailure';
    this.status = status;
    // `@octokit/webhooks` does `Object.assign(error, { event })`: a setter that keeps nothing
    // (and is not enumerable, so loggers do not print it) leaves the payload out of the logs.
    Object.defineProperty(this, 'event', { get: () => undefined, set: () => undefined, enumerable: false });
  }
}

type AnyContext = Pick<Context, 'id' | 'name' | 'payload' | 'log'>;

export function guarded<C extends AnyContext>(schema: ZodType, handler: (context: C) => Promise<void>): (context: C) => Promise<void> {
  return async (context) => {
    const checked = schema.safeParse(context.payload);
    if (!checked.success) {
      const field = checked.error.issues[0]?.path.join('.') ?? '';
      context.log.warn({ event: context.name, field: field.slice(0, 100) }, 'webhook payload lacks a field the event needs');
      throw new HandlerFailure('malformed payload', 400);
    }
    try {
      await handler(context);
    } catch (error) {
      const cause = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'unknown error';
      context.log.error({ event: context.name, cause }, 'webhook handler failed');
      throw new HandlerFailure('the event could not be handled', 500);
    }
  };
}

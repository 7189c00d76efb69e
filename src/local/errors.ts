/**
 * User-facing failures of the CLI: bad arguments, unreadable paths, an invalid config, git
 * problems. They end the run with exit code 2 and a one-line message, never a
 * stack trace.
 */
export type CliErrorKind = 'usage' | 'io' | 'git' | 'config';

export class CliError extends Error {
  readonly kind: CliErrorKind;

  constructor(kind: CliErrorKind, message: string) {
    super(message);
    this.name = 'CliError';
    this.kind = kind;
  }
}

export function usageError(message: string): CliError {
  return new CliError('usage', message);
}

/**
 * `ENOENT: no such file or directory` out of a Node fs error: Node appends the
 * syscall and the absolute path, which the caller replaces with the path as
 * the user typed it.
 */
export function describeFsError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code } = error as NodeJS.ErrnoException;
  const message = error.message.replace(/, \w+ '.*'$/s, '').replace(/, \w+$/, '');
  if (code && !message.startsWith(code)) return `${code}: ${message}`;
  return message;
}

export function ioError(displayPath: string, error: unknown): CliError {
  return new CliError('io', `cannot read ${displayPath}: ${describeFsError(error)}`);
}

/** A logger that records nothing, or every entry, for tests of code that logs. */
import type { Logger } from 'probot';

export interface LogEntry {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

export function recordingLog(entries: LogEntry[] = []): Logger {
  const make = (bound: Record<string, unknown>): Logger => {
    const log: Record<string, unknown> = { child: (fields: Record<string, unknown>) => make({ ...bound, ...fields }) };
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) {
      log[level] = (fields: unknown, message?: string) =>
        entries.push(typeof fields === 'string' ? { level, fields: bound, message: fields } : { level, fields: { ...bound, ...(fields as object) }, message: message ?? '' });
    }
    return log as unknown as Logger;
  };
  return make({});
}

export const silentLog = (): Logger => recordingLog([]);

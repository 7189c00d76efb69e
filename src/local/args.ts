/**
 * Command-line parsing with `node:util` parseArgs. Returns a typed command or
 * throws a usage CliError; the caller prints it and exits 2.
 */
import { parseArgs } from 'node:util';
import type { Severity } from '../model/types.js';
import { usageError } from './errors.js';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'markdown';

export interface CommonArgs {
  format: OutputFormat;
  failOn: Severity;
  exclude: string[];
  output?: string;
}

export type CliArgs =
  | { command: 'help' }
  | { command: 'version' }
  | ({ command: 'scan'; paths: string[] } & CommonArgs)
  | ({ command: 'diff'; base: string; head?: string; repo?: string } & CommonArgs);

export const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'markdown'];
export const SEVERITIES: readonly Severity[] = ['failure', 'warning', 'notice'];

export const USAGE = `Usage:
  remediation scan [PATH...]                   analyse files and folders (default: .)
  remediation diff --base REV [--head REV]     compare two revisions of a git repository
                                               (without --head: the working tree)

Options:
  -f, --format text|json|sarif|markdown   output format (default: text)
      --fail-on failure|warning|notice     lowest severity of an open finding that fails the run (default: failure)
      --exclude GLOB                       skip matching paths; repeatable
  -o, --output FILE                        write the report to FILE instead of stdout
      --base REV, --head REV               revisions to compare (diff)
      --repo DIR                           git repository to compare in (diff; default: .)
  -h, --help                               show this help
  -V, --version                            show the version

Exit status: 0 no open finding at or above --fail-on, 1 there is one, 2 usage or I/O error.
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  exclude: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  base: { type: 'string' },
  head: { type: 'string' },
  repo: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values, positionals } = parse(argv);
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const [command, ...rest] = positionals;
  if (command === undefined) throw usageError('missing command (scan or diff)');
  if (command === 'help') return { command: 'help' };
  const common = commonArgs(values);

  if (command === 'scan') {
    rejectOptions(values, ['base', 'head', 'repo'], 'scan');
    return { command: 'scan', paths: rest.length > 0 ? rest : ['.'], ...common };
  }
  if (command === 'diff') {
    if (rest.length > 0) throw usageError(`diff takes no paths (got '${rest[0]}'); use --repo DIR`);
    if (!values.base) throw usageError('diff needs --base REV');
    return { command: 'diff', base: revision(values.base, 'base'), head: optionalRevision(values.head), repo: values.repo, ...common };
  }
  throw usageError(`unknown command '${command}' (expected scan or diff)`);
}

function parse(argv: readonly string[]): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(parseErrorMessage(error));
  }
}

/** parseArgs messages run to several sentences; keep the first, lower-cased like the others. */
function parseErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split(/\.\s/)[0].replace(/\.$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

function commonArgs(values: Values): CommonArgs {
  const format = oneOf(values.format ?? 'text', FORMATS, 'format');
  const failOn = oneOf(values['fail-on'] ?? 'failure', SEVERITIES, 'fail-on');
  if (values.output === '') throw usageError('--output needs a file name');
  return { format, failOn, exclude: values.exclude ?? [], output: values.output };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`invalid --${option} '${value}' (expected ${allowed.join(', ')})`);
}

function rejectOptions(values: Values, names: (keyof Values)[], command: string): void {
  const given = names.find((name) => values[name] !== undefined);
  if (given) throw usageError(`--${String(given)} is not an option of ${command}`);
}

/** A revision is passed to git as an argument: one starting with `-` would be read as an option. */
function revision(value: string, option: string): string {
  if (value.startsWith('-') || value.trim() === '') throw usageError(`invalid --${option} revision '${value}'`);
  return value;
}

function optionalRevision(value: string | undefined): string | undefined {
  return value === undefined ? undefined : revision(value, 'head');
}

/**
 * Command-line parsing with `node:util` parseArgs. Returns a typed command or
 * throws a usage CliError; the caller prints it and exits 2.
 */
import { parseArgs } from 'node:util';
import type { Severity } from '../model/types.js';
import { usageError } from './errors.js';
import { splitSelectors, type Selection } from './select.js';
import { didYouMean } from './suggest.js';
import type { Concurrency } from '../parallel/auto-threads.js';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'markdown' | 'github';

/** `problem` ranks above `failure`: analysis problems (P000, a file that does not parse) fail at every level. */
export type FailOn = Severity | 'problem';

export interface CommonArgs {
  format: OutputFormat;
  /** Undefined when not given: the config's `fail_on`, else `failure`. */
  failOn?: FailOn;
  exclude: string[];
  output?: string;
  /** `--config FILE`; `false` for `--no-config`; undefined: the repository's `.github/remediation.yml`. */
  config?: string | false;
  /** `--select` / `--ignore`: which rules' findings are reported (and can fail the run). */
  selection: Selection;
  /** `--statistics`: one line per rule with its count, instead of the findings. */
  statistics: boolean;
  /** `--exit-zero`: 0 even with failing findings; usage and I/O errors still exit 2. */
  exitZero: boolean;
  /** `--quiet`: the findings only, no summary line, no progress, no warnings. */
  quiet: boolean;
  /** `--show-fixes`: text shows each finding's full fix instead of its one-line hint. */
  showFixes: boolean;
  /** `--concurrency`: worker threads for the analysis; `auto` (the default) picks by the machine and the input. */
  concurrency: Concurrency;
}

export type { Concurrency };

/** More threads than this gain nothing measurable and each costs a parser and its memory. */
export const MAX_CONCURRENCY = 16;

/** `scan -` (or `--stdin-filename`): one file read from standard input, named `filename` (default `stdin.py`). */
export interface StdinArgs {
  filename?: string;
}

export type CliArgs =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'rules'; format: 'text' | 'json'; output?: string }
  | { command: 'explain'; rule: string }
  | ({ command: 'scan'; paths: string[]; stdin?: StdinArgs } & CommonArgs)
  | ({ command: 'diff'; base: string; head?: string; repo?: string; newOnly: boolean } & CommonArgs)
  /** `--unsafe-fixes`: needs-review fixes too; `--diff`: print the changes instead of writing them. */
  | ({ command: 'fix'; paths: string[]; unsafeFixes: boolean; diff: boolean } & CommonArgs);

export const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'markdown', 'github'];
export const COMMANDS = ['scan', 'diff', 'fix', 'rules', 'explain', 'help'] as const;
export const SEVERITIES: readonly Severity[] = ['failure', 'warning', 'notice'];
export const FAIL_ON_LEVELS: readonly FailOn[] = ['problem', ...SEVERITIES];

export const USAGE = `Usage:
  remediation scan [PATH...]                   analyse files and folders (default: .)
  remediation diff --base REV [--head REV]     compare two revisions of a git repository
                                               (without --head: the working tree)
  remediation scan - [--stdin-filename PATH]   analyse one file read from standard input
  remediation fix [PATH...]                    apply the safe fixes findings carry, then report what is left
  remediation rules [--format json]            list every rule: id, name, priority, severity, where it runs
  remediation explain ID|NAME                  show a rule's documentation

Options:
  -f, --format text|json|sarif|markdown|github
                                           output format (default: text); github: workflow commands
                                           that annotate a GitHub Actions run; --output-format is the same
      --select RULES                       report only these rules: ids (P101), names (missing-watermark),
                                           prefixes (P1, P10) or ALL; comma-separated, repeatable
      --ignore RULES                       do not report these rules (same forms; wins over --select)
      --statistics                         one line per rule with its count of open findings, instead of
                                           the findings (text or json)
      --exit-zero                          exit 0 even when findings fail the run (errors still exit 2)
  -q, --quiet                              print the findings only: no summary, progress or warnings
      --show-fixes                         text: the full fix under every finding, not a one-line hint
      --stdin-filename PATH                name of the file read from standard input (default: stdin.py);
                                           its kind and role come from the name
      --fail-on LEVEL                      problem, failure, warning or notice: the lowest severity of an
                                           open finding that fails the run (default: the config's fail_on,
                                           else failure); analysis problems (P000, a file that does not
                                           parse) fail at every level, and alone with 'problem'
      --exclude GLOB                       skip matching paths (relative to the repository top); repeatable
      --concurrency N|auto|off             scan: worker threads analysing files (default: auto: one per core
                                           for inputs large enough to gain from it; off: this thread)
      --config FILE                        read FILE instead of .github/remediation.yml at the repository top
      --no-config                          read no config file: the defaults
  -o, --output FILE                        write the report to FILE instead of stdout
      --base REV, --head REV               revisions to compare (diff)
      --repo DIR                           git repository to compare in (diff; default: .)
      --new-only                           list only new findings in text (diff)
      --unsafe-fixes                       fix: also apply fixes that need review (a cap, a retry count, tags)
      --diff                               fix: print the fixes as a unified diff instead of writing them
  -h, --help                               show this help
  -V, --version                            show the version

Exit status: 0 no open finding at or above --fail-on, 1 there is one, 2 usage, I/O or config error.
A diff fails on the findings it adds only: existing ones never fail it, and no change exits 0.
fix exits 1 when open findings remain (with --diff: also when it would change a file), else 0.
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  exclude: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  base: { type: 'string' },
  head: { type: 'string' },
  repo: { type: 'string' },
  'output-format': { type: 'string' },
  select: { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  'new-only': { type: 'boolean' },
  statistics: { type: 'boolean' },
  'exit-zero': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  'show-fixes': { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  concurrency: { type: 'string' },
  'unsafe-fixes': { type: 'boolean' },
  diff: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values, positionals } = parse(argv);
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const [command, ...rest] = positionals;
  if (command === undefined) throw usageError('missing command (scan, diff or fix)');
  if (command === 'help') return { command: 'help' };
  if (command === 'rules') return rulesArgs(values, rest);
  if (command === 'explain') return explainArgs(values, rest);
  if (!(COMMANDS as readonly string[]).includes(command)) throw usageError(`unknown command '${command}'${didYouMean(command, COMMANDS) || ' (expected scan, diff, fix, rules or explain)'}`);
  const common = commonArgs(values);

  if (command === 'fix') {
    rejectOptions(values, ['base', 'head', 'repo', 'new-only', 'stdin-filename', 'format', 'output-format', 'output', 'statistics', 'show-fixes'], 'fix');
    if (rest.includes('-')) throw usageError('fix writes files: it cannot read standard input');
    return { command: 'fix', paths: rest.length > 0 ? rest : ['.'], unsafeFixes: values['unsafe-fixes'] ?? false, diff: values.diff ?? false, ...common };
  }
  rejectOptions(values, ['unsafe-fixes', 'diff'], command);
  if (command === 'scan') {
    rejectOptions(values, ['base', 'head', 'repo', 'new-only'], 'scan');
    const stdin = stdinArgs(values, rest);
    return { command: 'scan', paths: stdin ? ['-'] : rest.length > 0 ? rest : ['.'], ...(stdin ? { stdin } : {}), ...common };
  }
  if (command === 'diff') {
    if (rest.length > 0) throw usageError(`diff takes no paths (got '${rest[0]}'); use --repo DIR`);
    rejectOptions(values, ['stdin-filename'], 'diff');
    if (!values.base) throw usageError('diff needs --base REV');
    return { command: 'diff', base: revision(values.base, 'base'), head: optionalRevision(values.head), repo: values.repo, newOnly: values['new-only'] ?? false, ...common };
  }
  throw usageError(`unknown command '${command}' (expected scan, diff, fix, rules or explain)`);
}

function parse(argv: readonly string[]): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(`${parseErrorMessage(error)}${optionSuggestion(error)}`);
  }
}

/** `--selct` -> ` (did you mean '--select'?)`: parseArgs names the unknown option in its message. */
function optionSuggestion(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || !(error instanceof Error)) return '';
  const typed = /'(--[^'=]+)/.exec(error.message)?.[1];
  if (!typed) return '';
  return didYouMean(typed, Object.keys(OPTIONS).map((name) => `--${name}`), 1);
}

/** parseArgs messages run to several sentences; keep the first, lower-cased like the others. */
function parseErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split(/\.\s/)[0].replace(/\.$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

function commonArgs(values: Values): CommonArgs {
  const format = oneOf(formatValue(values) ?? 'text', FORMATS, 'format');
  const failOn = values['fail-on'] === undefined ? undefined : oneOf(values['fail-on'], FAIL_ON_LEVELS, 'fail-on');
  if (values.output === '') throw usageError('--output needs a file name');
  if (values.config === '') throw usageError('--config needs a file name');
  if (values.config !== undefined && values['no-config']) throw usageError('--config and --no-config exclude each other');
  const config = values['no-config'] ? false : values.config;
  const selection = { select: splitSelectors(values.select, 'select'), ignore: splitSelectors(values.ignore, 'ignore') };
  const statistics = values.statistics ?? false;
  if (statistics && format !== 'text' && format !== 'json') throw usageError(`--statistics is shown as text or json, not ${format}`);
  const extra = { selection, statistics, exitZero: values['exit-zero'] ?? false, quiet: values.quiet ?? false, showFixes: values['show-fixes'] ?? false, concurrency: concurrencyValue(values.concurrency) };
  return { format, failOn, exclude: values.exclude ?? [], output: values.output, ...(config === undefined ? {} : { config }), ...extra };
}

/** `--concurrency` as ESLint reads it: a count of threads, `auto` or `off`. */
function concurrencyValue(value: string | undefined): Concurrency {
  if (value === undefined || value === 'auto') return 'auto';
  if (value === 'off') return 'off';
  const count = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(count >= 1 && count <= MAX_CONCURRENCY)) throw usageError(`invalid --concurrency '${value}' (expected auto, off or a number of threads from 1 to ${MAX_CONCURRENCY})`);
  return count;
}

/** `--output-format` is ruff's name for `--format`: either may be given, not both with different values. */
function formatValue(values: Values): string | undefined {
  const { format, 'output-format': alias } = values;
  if (format !== undefined && alias !== undefined && format !== alias) throw usageError(`--format ${format} and --output-format ${alias} disagree`);
  return format ?? alias;
}

/** `-` alone, or `--stdin-filename` with no path (or `-`): standard input; `-` beside other paths is ambiguous. */
function stdinArgs(values: Values, paths: readonly string[]): StdinArgs | undefined {
  const filename = values['stdin-filename'];
  const dash = paths.includes('-');
  if (dash && paths.length > 1) throw usageError("'-' (standard input) cannot be scanned with other paths");
  if (filename !== undefined && paths.length > 0 && !dash) throw usageError('--stdin-filename names standard input: give no paths, or -');
  if (!dash && filename === undefined) return undefined;
  return filename === undefined ? {} : { filename };
}

/** Options other than these are refused: `rules` and `explain` take no scan or diff options. */
function onlyOptions(values: Values, allowed: readonly string[], command: string): void {
  const given = Object.keys(values).find((name) => !allowed.includes(name) && values[name as keyof Values] !== undefined);
  if (given) throw usageError(`--${given} is not an option of ${command}`);
}

function rulesArgs(values: Values, rest: readonly string[]): CliArgs {
  onlyOptions(values, ['format', 'output-format', 'output'], 'rules');
  if (rest.length > 0) throw usageError(`rules takes no arguments (got '${rest[0]}'); see 'remediation explain ${rest[0]}'`);
  if (values.output === '') throw usageError('--output needs a file name');
  const format = oneOf(formatValue(values) ?? 'text', ['text', 'json'] as const, 'format');
  return { command: 'rules', format, ...(values.output === undefined ? {} : { output: values.output }) };
}

function explainArgs(values: Values, rest: readonly string[]): CliArgs {
  onlyOptions(values, [], 'explain');
  if (rest.length !== 1) throw usageError(rest.length === 0 ? 'explain needs a rule id or name (P101, missing-watermark)' : 'explain takes one rule id or name');
  return { command: 'explain', rule: rest[0] };
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

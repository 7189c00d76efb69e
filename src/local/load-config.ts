/**
 * Reads `.github/remediation.yml` for the CLI: the file at the repository top, or the
 * one `--config FILE` names. Validation is the App's pure parser (src/config.ts), so a
 * file that passes here configures pull-request checks the same way, and a bad one is
 * reported like the check run does: file, line, key. What lives only on GitHub (the
 * owner's `.github` repository, `_extends` chains) is not followed.
 */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { CONFIG_PATH, defaultConfig, formatKeyPath, locateKey, parseConfig, type RemediationConfig } from '../config.js';
import { CliError, describeFsError } from './errors.js';
import { toPosix } from './walk.js';

export interface ConfigSource {
  cwd: string;
  /** The repository top (the scan root outside a repository). */
  root: string;
  /** `--config FILE`, as typed. */
  file?: string;
  /** `--no-config`: defaults, whatever the repository holds. */
  disabled?: boolean;
}

export interface LocalConfig {
  config: RemediationConfig;
  /** Absolute path of the file read; undefined when the defaults apply. */
  file?: string;
  /** One line each, prefixed with the file (unknown keys, unknown rules). */
  warnings: string[];
}

export interface ParsedConfigText {
  config: RemediationConfig;
  warnings: string[];
}

export async function loadLocalConfig(source: ConfigSource): Promise<LocalConfig> {
  if (source.disabled) return { config: defaultConfig(), warnings: [] };
  const file = source.file === undefined ? join(source.root, CONFIG_PATH) : resolve(source.cwd, source.file);
  const label = source.file ?? (toPosix(relative(source.cwd, file)) || CONFIG_PATH);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // The repository's own file is optional; a file named with --config is not.
    if (source.file === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return { config: defaultConfig(), warnings: [] };
    throw new CliError('io', `cannot read ${label}: ${describeFsError(error)}`);
  }
  const parsed = parseConfigText(text, label);
  return { file, config: parsed.config, warnings: parsed.warnings.map((warning) => `${label}: ${warning}`) };
}

/** Validates the text of a config file; a CliError of one line (file, line, key) when it is not valid. */
export function parseConfigText(text: string, label: string): ParsedConfigText {
  const doc = parseDocument(text);
  const [syntax] = doc.errors;
  if (syntax) {
    const line = syntax.linePos?.[0]?.line;
    const message = syntax.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new CliError('config', `${label}${line ? ` line ${line}` : ''}: not valid YAML: ${message}`);
  }
  const raw: unknown = doc.toJS();
  const warnings: string[] = [];
  let own = raw;
  if (isPlainObject(raw) && '_extends' in raw) {
    const { _extends: _ignored, ...rest } = raw;
    own = rest;
    warnings.push('`_extends` is followed by the App only (it reads other repositories); ignored');
  }
  const result = parseConfig(own);
  if (!result.ok) {
    // The first problem in the file, top down: the one a reader fixes first.
    const located = result.issues.map((issue) => ({ issue, line: locateKey(text, issue.path) }));
    const [{ issue, line }] = located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const others = located.length > 1 ? ` (and ${located.length - 1} more)` : '';
    throw new CliError('config', `${label}${line ? ` line ${line}` : ''}: ${formatKeyPath(issue.path)}: ${issue.message}${others}`);
  }
  return { config: result.config, warnings: [...warnings, ...result.warnings] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

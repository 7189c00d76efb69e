/**
 * Schema and defaults of `.github/remediation.yml`. Pure: loading the file is done in
 * src/github/load-config.ts. The schema is permissive: unknown keys become warnings
 * so a config written for a newer version of the app does not break older ones.
 */
import { anyGlob } from './engine/glob.js';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { allRules, rulesById, rulesByName } from '../checks/index.js';
import type { EngineOptions, IgnoreEntry } from './engine/api-types.js';
import type { FileRole, Priority, Severity } from './model/types.js';
import { FILE_ROLES } from './engine/roles.js';
import { DEFAULT_FIX_SETTINGS, type FixSettings } from './model/fix-types.js';

export const CONFIG_FILE = 'remediation.yml';
export const CONFIG_PATH = `.github/${CONFIG_FILE}`;
export const DEFAULT_ISSUE_TITLE = 'Remediation tracking: the eight priorities';
export const ALL_PRIORITIES = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export type PriorityNumber = Exclude<Priority, 0>;

const severity = z.enum(['failure', 'warning', 'notice']);
/** Repository roles that can be required of a command's author, lowest first. */
export const COMMAND_ROLES = ['write', 'maintain', 'admin'] as const;
export type CommandRole = (typeof COMMAND_ROLES)[number];
const priority = z.number().int().min(1).max(8);
const globList = z.array(z.string().min(1));

/**
 * The schema, strict or lenient at every level: the strict one reports unknown keys
 * (turned into warnings next to real errors), the lenient one drops them. One nested
 * `.strict()` in the lenient schema would make an unknown nested key throw.
 */
function shapeOf(strict: boolean) {
  const object = <T extends z.ZodRawShape>(fields: T) => (strict ? z.object(fields).strict() : z.object(fields).strip());
  return {
    priorities: z.array(priority).default([...ALL_PRIORITIES]),
    fail_on: severity.default('failure'),
    severity: z.record(z.string(), severity).default({}),
    paths: object({ include: globList.default([]), exclude: globList.default([]) }).default({}),
    tracking_issue: object({
      title: z.string().min(1).max(256).default(DEFAULT_ISSUE_TITLE),
      labels: z.array(z.string().min(1).max(50)).max(20).default(['remediation']),
    }).default({}),
    ignore: z.array(object({ rule: z.string().min(1), path: z.string().min(1).optional(), reason: z.string().optional() })).default([]),
    // Who may run `/remediation ignore`; an ignore mutes findings for everyone.
    commands: object({ ignore_requires: z.enum(COMMAND_ROLES).default('write') }).default({}),
    // What code is for, by path glob: wins over the roles the engine infers (src/engine/roles.ts).
    roles: object(Object.fromEntries(FILE_ROLES.map((role) => [role, globList.optional()])) as Record<FileRole, z.ZodOptional<typeof globList>>).default({}),
    // Values the needs-review fixes write (`remediation fix --unsafe-fixes`): caps, retries, tags.
    fixes: object({
      defaults: z.record(z.string().min(1), z.union([z.string(), z.number()])).default({}),
      tags: z.record(z.string().min(1), z.string()).optional(),
    }).default({}),
    // Pull requests get one review with GitHub suggestion blocks for new findings that have a fix
    // (needs `Pull requests: write`); off by default: the fix is then a diff in the annotation.
    suggestions: z.boolean().default(false),
  };
}

const strictSchema = z.object(shapeOf(true)).strict();
const schema = z.object(shapeOf(false));

export interface RemediationConfig {
  priorities: PriorityNumber[];
  failOn: Severity;
  severityOverrides: Record<string, Severity>;
  paths: { include: string[]; exclude: string[] };
  trackingIssue: { title: string; labels: string[] };
  ignore: IgnoreEntry[];
  /** Who may run `/remediation ignore` (an ignore mutes findings for everyone). */
  commands: { ignoreRequires: CommandRole };
  roles: Partial<Record<FileRole, string[]>>;
  /** `fixes:` over the rule docs' values (src/model/fix-types.ts). */
  fixes: FixSettings;
  /** Post fixes as suggestion blocks of one pull-request review (src/github/suggestions.ts). */
  suggestions: boolean;
}

export interface ConfigIssue {
  /** Key path inside the file, e.g. `['paths', 'exclude', 0]`. */
  path: (string | number)[];
  message: string;
}

export type ConfigResult =
  | { ok: true; config: RemediationConfig; warnings: string[] }
  | { ok: false; issues: ConfigIssue[] };

export function defaultConfig(): RemediationConfig {
  const result = parseConfig({});
  if (!result.ok) throw new Error('default configuration does not validate');
  return result.config;
}

/** Validates an already-parsed config object (the merge of repo, org and `_extends` files). */
export function parseConfig(raw: unknown): ConfigResult {
  const input = raw ?? {};
  const strict = strictSchema.safeParse(input);
  const unknown = strict.success ? [] : strict.error.issues.filter((i) => i.code === 'unrecognized_keys');
  const errors = strict.success ? [] : strict.error.issues.filter((i) => i.code !== 'unrecognized_keys');
  if (errors.length > 0) return { ok: false, issues: errors.map((i) => ({ path: i.path, message: i.message })) };
  const parsed = schema.parse(input);
  const warnings = unknown.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => `unknown key \`${[...issue.path, key].join('.')}\` ignored`) : [],
  );
  warnings.push(...unknownRuleWarnings(Object.keys(parsed.severity)));
  warnings.push(...unknownRuleWarnings(parsed.ignore.map((entry) => entry.rule).filter((rule) => !/^P[1-8]$/.test(rule))));
  return {
    ok: true,
    warnings,
    config: {
      priorities: [...new Set(parsed.priorities)].sort((a, b) => a - b) as PriorityNumber[],
      failOn: parsed.fail_on,
      severityOverrides: parsed.severity,
      paths: parsed.paths,
      trackingIssue: parsed.tracking_issue,
      ignore: parsed.ignore.map((entry) => ({ selector: entry.rule, path: entry.path, reason: entry.reason })),
      commands: { ignoreRequires: parsed.commands.ignore_requires },
      roles: Object.fromEntries(Object.entries(parsed.roles as Record<string, string[] | undefined>).filter(([, globs]) => globs !== undefined)) as RemediationConfig['roles'],
      fixes: { defaults: { ...DEFAULT_FIX_SETTINGS.defaults, ...parsed.fixes.defaults }, tags: parsed.fixes.tags ?? { ...DEFAULT_FIX_SETTINGS.tags } },
      suggestions: parsed.suggestions,
    },
  };
}

/** Only meaningful once the registry holds rules; an empty registry would flag every key. */
function unknownRuleWarnings(keys: string[]): string[] {
  if (allRules.length === 0) return [];
  return keys.filter((key) => !rulesById.has(key) && !rulesByName.has(key)).map((key) => `unknown rule \`${key}\``);
}

/**
 * Merges config layers, least specific first. Objects merge key by key; arrays and
 * scalars of a more specific layer replace the inherited ones (unlike Probot's
 * default deepmerge, which would concatenate `priorities` lists).
 */
export function mergeConfigLayers(layers: unknown[]): unknown {
  return layers.reduce<unknown>((acc, layer) => mergeTwo(acc, layer), {});
}

function mergeTwo(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = mergeTwo(base[key], value);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a config object holds a value at a key path (to find which layer is at fault). */
export function hasKeyPath(raw: unknown, path: (string | number)[]): boolean {
  let node: unknown = raw;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !(segment in (node as object))) return false;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return true;
}

/** 1-based line of the deepest existing key of `path` in a YAML text, found with `yaml`'s source ranges. */
export function locateKey(text: string, path: (string | number)[]): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  let node: unknown = doc.contents;
  let offset: number | undefined = (doc.contents as YamlNode | null)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      offset = (node as YamlNode).range?.[0] ?? offset;
    } else break;
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

export function formatKeyPath(path: (string | number)[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/** Path filter from `paths.include` / `paths.exclude`; an empty include list keeps everything. */
export function pathFilter(config: RemediationConfig): (path: string) => boolean {
  // Globs come from the repository: matched in linear time, never compiled to a regular expression.
  const include = config.paths.include.length > 0 ? anyGlob(config.paths.include) : () => true;
  const exclude = config.paths.exclude.length > 0 ? anyGlob(config.paths.exclude) : () => false;
  return (path) => include(path) && !exclude(path);
}

/** Engine options from config plus what the tracking issue records (ignores, muted priorities). */
export function engineOptions(config: RemediationConfig, recordedIgnores: IgnoreEntry[] = []): EngineOptions {
  return {
    enabledPriorities: config.priorities,
    severityOverrides: config.severityOverrides,
    ignores: [...config.ignore, ...recordedIgnores],
    roles: config.roles,
    fixes: config.fixes,
  };
}

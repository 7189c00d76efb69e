/**
 * P803 hardcoded-config: literals naming a storage account, an Event Hubs namespace, a
 * Key Vault or a workspace host, and constants such as `EVENTHUB_NAMESPACE = "ehn..."`.
 * They tie the code to one environment; dev/staging/prod need a different copy.
 * https://docs.databricks.com/aws/en/dev-tools/bundles/variables
 */
import type { Span } from '../../src/model/types.js';
import type { FileRule, RawFinding } from '../types.js';

interface HostKind {
  suffix: RegExp;
  what: string;
}

// The label before the suffix must be literal text: `{account}.dfs.core.windows.net` is already parameterised.
// A match may only start where a run of host characters starts (the look-behind rejects every
// character of the class, `.` included for the dotted host): otherwise each label of `a.a.a...`
// would rescan the rest of the string, quadratic on a long literal.
const HOSTS: HostKind[] = [
  { suffix: /(?<![\w{}-])[a-z0-9][a-z0-9-]*\.(?:dfs|blob|queue|file|table)\.core\.windows\.net/i, what: 'storage account' },
  { suffix: /(?<![\w{}-])[a-z0-9][a-z0-9-]*\.servicebus\.windows\.net/i, what: 'Event Hubs namespace' },
  { suffix: /(?<![\w{}-])[a-z0-9][a-z0-9-]*\.vault\.azure\.net/i, what: 'Key Vault' },
  { suffix: /(?<![\w.{}-])[a-z0-9][a-z0-9.-]*\.(?:azuredatabricks\.net|cloud\.databricks\.com|gcp\.databricks\.com)/i, what: 'workspace host' },
];
/**
 * Databricks' own public hosts (its CDN, docs, account console, community edition): naming
 * them ties the code to no environment. https://docs.databricks.com/aws/en/resources/ip-domain-region
 */
const PUBLIC_HOST = /^(?:databricks-prod-cloudfront|[a-z0-9-]*-cdn|docs|accounts|community|login|www|help|kb)\.cloud\.databricks\.com$/i;
/** Constant names that hold an account or namespace even without the host suffix. */
const CONFIG_NAME = /(?:^|_)(?:NAMESPACE|STORAGE_ACCOUNT|ACCOUNT_NAME|STORAGE_ACCOUNT_NAME|VAULT_NAME|WORKSPACE_HOST)$/i;
/** What an account or namespace name looks like (3-63 letters, digits, hyphens). */
const RESOURCE_NAME = /^[a-z0-9][a-z0-9-]{2,62}$/i;

export const hardcodedConfig: FileRule = {
  meta: {
    id: 'P803',
    name: 'hardcoded-config',
    priority: 8,
    severity: 'warning',
    title: 'Environment-specific resource name hard-coded in pipeline code',
    fix: 'Pass it in: declare a widget (`dbutils.widgets.text("namespace", "")`), read it (`dbutils.widgets.get("namespace")`) and set it per target as a job parameter or bundle variable (`${var.namespace}`); for storage, use a Unity Catalog external location or volume instead of a storage account URL.',
    hint: 'Pass it in as a widget, job parameter or bundle variable (`${var.name}`)',
    remediation: ['getArgument', 'text', 'dropdown', 'getenv'],
    // A hard-coded host is a problem wherever it is written, CI and deployment scripts included.
    roles: ['pipeline', 'setup', 'exploration', 'tooling'],
  },
  kind: 'file',
  check({ model, python, sql, repo }) {
    // Test fixtures pin fake hosts on purpose.
    if (repo.isTestPath(model.path)) return [];
    const out: RawFinding[] = [];
    for (const s of python?.facts.strings ?? []) {
      // A literal searched for in text (`url.startswith("https://adb-")`) configures nothing.
      // So does the fallback of an environment lookup: the doc's "default overridden at run time".
      if (s.docstring || s.pattern || s.envDefault) continue;
      const host = hostIn(s.value);
      const message = host?.message ?? constantMessage(s.assignedTo, s.value);
      // Inside a multi-line string, on the line that holds the name.
      if (message) out.push(finding(host ? lineOf(s.span, s.value, host.index) : s.span, message, s.value, host?.advice ?? constantAdvice(s.assignedTo)));
    }
    for (const statement of sql) {
      for (const token of statement.tokens) {
        if (token.type !== 'string') continue;
        const host = hostIn(token.value);
        if (host) out.push(finding(lineOf(token.span, token.value, host.index), host.message, token.value, host.advice));
      }
    }
    return out;
  },
};

function hostIn(value: string): { message: string; index: number; advice: Advice } | undefined {
  for (const host of HOSTS) {
    // Past a public host, the search goes on in the rest of the literal.
    for (let offset = 0; offset < value.length; ) {
      const match = host.suffix.exec(value.slice(offset));
      if (!match) break;
      if (!PUBLIC_HOST.test(match[0])) {
        return { message: `Hard-coded ${host.what} \`${match[0]}\`: pass it as a widget, job parameter or bundle variable`, index: offset + match.index, advice: hostAdvice(host.what, match[0]) };
      }
      offset += match.index + match[0].length;
    }
  }
  return undefined;
}

/** The span narrowed to the line of `index` in a literal that spans several lines (its newlines are the source's). */
function lineOf(span: Span, value: string, index: number): Span {
  if (span.endLine === span.line) return span;
  let line = span.line;
  for (let i = 0; i < index; i++) if (value.charCodeAt(i) === 10) line++;
  line = Math.min(line, span.endLine);
  return line === span.line ? { ...span, endLine: line } : { line, column: 1, endLine: line, endColumn: 1 };
}

function constantMessage(name: string | undefined, value: string): string | undefined {
  if (!name || !CONFIG_NAME.test(name) || !RESOURCE_NAME.test(value)) return undefined;
  return `\`${name}\` hard-codes "${value}": pass it as a widget, job parameter or bundle variable`;
}

function finding(span: Span, message: string, value: string, advice: Advice | undefined): RawFinding {
  return { span, message, key: value.slice(0, 200), ...advice };
}

interface Advice {
  hint: string;
  fix: string;
}

/** What to write instead of a hard-coded host, by what it names: the host's first label is the account. */
function hostAdvice(what: string, host: string): Advice {
  const name = host.split('.')[0] ?? host;
  switch (what) {
    case 'storage account':
      return {
        hint: `Read \`${name}\` through a Unity Catalog external location or volume`,
        fix: `Create a Unity Catalog external location over \`${host}\` and read tables by name, or files through a volume path \`/Volumes/catalog/schema/volume/...\`; where a URL must stay, pass the account in as a job parameter or bundle variable (\`\${var.account_name}\`).`,
      };
    case 'Event Hubs namespace':
      return {
        hint: `Pass the namespace \`${name}\` in as a job parameter or bundle variable`,
        fix: `Pass the namespace in instead of \`${host}\`: \`dbutils.widgets.text("namespace", "")\`, then \`dbutils.widgets.get("namespace")\`, set per target as a job parameter or bundle variable (\`\${var.namespace}\`).`,
      };
    case 'Key Vault':
      return {
        hint: `Read secrets through a secret scope: \`dbutils.secrets.get(scope, key)\``,
        fix: `Read secrets through a Databricks secret scope backed by the vault (\`dbutils.secrets.get(scope, key)\`) instead of naming \`${host}\`; pass the scope name in as a job parameter or bundle variable.`,
      };
    default:
      return {
        hint: 'Take the workspace host from `DATABRICKS_HOST` or a bundle variable',
        fix: `Take the workspace host from the environment (\`DATABRICKS_HOST\`, \`spark.conf.get("spark.databricks.workspaceUrl")\`) or a bundle variable (\`\${workspace.host}\`) instead of \`${host}\`.`,
      };
  }
}

/** A constant such as `EVENT_NAMESPACE = "..."`: a widget of the same name, lower-cased. */
function constantAdvice(name: string | undefined): Advice | undefined {
  if (!name) return undefined;
  const widget = name.toLowerCase();
  return {
    hint: `Read \`${name}\` from a widget: \`dbutils.widgets.get("${widget}")\``,
    fix: `Pass \`${name}\` in: \`dbutils.widgets.text("${widget}", "")\`, then \`${name} = dbutils.widgets.get("${widget}")\`, set per target as a job parameter or bundle variable (\`\${var.${widget}}\`).`,
  };
}

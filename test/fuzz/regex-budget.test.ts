/**
 * Every regular expression of the engine (src/model, src/engine, src/diff, checks), run on
 * 100 kB adversarial inputs in a worker thread that must answer within 5 s. The table says
 * where each pattern lives, what it is applied to, and which inputs are its classic
 * catastrophic-backtracking shapes; each row also gets generic shapes (long runs of the
 * characters its classes and quantifiers accept).
 *
 * The table is checked against the sources: a regex added to those folders, or changed, fails
 * the audit test until it is listed here with its shapes.
 *
 * Rewritten while auditing (they were super-linear):
 * - jobs.ts `^\s+(jobs|pipelines)\s*:` (multiline): `\s+` crossed newlines, so every blank
 *   line rescanned all the blank lines after it; now `[ \t]`.
 * - hardcoded-config.ts workspace host: `[a-z0-9.-]*` let a match start at every label of
 *   `a.a.a...` and rescan the rest; the look-behind now rejects `.` too.
 * - findings.ts `/\/+$/` on ignore paths: restarted at every slash of a run; now a loop.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { runWithBudget } from '../helpers/budget.js';

const SIZE = 100_000;
const BUDGET_MS = 5_000;

/** `unit` repeated to SIZE characters, between an optional prefix and suffix. */
function fill(unit: string, prefix = '', suffix = ''): string {
  const body = unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
  return prefix + body + suffix;
}

type Use = 'test' | 'exec' | 'replace' | 'split' | 'match';

interface AuditedRegex {
  modules: string[];
  pattern: RegExp;
  /** What the pattern runs on. */
  input: string;
  use: Use;
  /** Adversarial inputs for this pattern (name -> 100 kB text). */
  shapes: Record<string, string>;
}

const SHARED_SHAPES: Record<string, string> = {
  spaces: fill(' '),
  newlines: fill('\n'),
  'blank lines': fill(' \n'),
  tabs: fill('\t'),
  letters: fill('a'),
  'dotted labels': fill('a.'),
  hyphens: fill('a-'),
  slashes: fill('/'),
  digits: fill('1'),
  'CR LF': fill('\r\n'),
  braces: fill('{a'),
  quotes: fill('"'),
  backslashes: fill('\\'),
  'comment markers': fill('# '),
};

const AUDITED: AuditedRegex[] = [
  // ---------------------------------------------------------------- src/model: file text
  { modules: ['src/model/text.ts', 'src/model/jobs.ts'], pattern: /\r\n?/g, input: 'whole file text', use: 'replace', shapes: { 'lone CRs': fill('\r'), 'CR CR LF': fill('\r\r\n') } },
  { modules: ['src/model/jobs.ts'], pattern: /^\uFEFF/, input: 'whole job file text', use: 'replace', shapes: { BOMs: fill('\uFEFF') } },
  { modules: ['src/model/jobs.ts'], pattern: /"(tasks|job_clusters|new_cluster|existing_cluster_id|notebook_task|spark_python_task|settings|libraries)"\s*:/, input: 'whole .json text', use: 'test', shapes: { 'key then blanks': fill(' ', '"tasks"', 'x'), 'keys without colon': fill('"tasks" '), 'key prefixes': fill('"task'), 'keys and newlines': fill('"settings"\n') } },
  { modules: ['src/model/jobs.ts'], pattern: /^bundle\s*:/m, input: 'whole .yml text', use: 'test', shapes: { 'bundle lines': fill('bundle\n'), 'bundle then blanks': fill(' \n', 'bundle'), 'bundle prefixes': fill('bundl\n') } },
  { modules: ['src/model/jobs.ts'], pattern: /^resources[ \t]*:/m, input: 'whole .yml text', use: 'test', shapes: { 'resources lines': fill('resources \n'), 'resources then blanks': fill(' \t', 'resources') } },
  { modules: ['src/model/jobs.ts'], pattern: /^[ \t]+(jobs|pipelines)[ \t]*:/m, input: 'whole .yml text', use: 'test', shapes: { 'blank lines (was quadratic)': fill('\n', 'resources:\n'), 'indent runs': fill(' \t \n'), 'indented keys without colon': fill('  jobs \n'), 'one long indent': fill(' ', '', 'jobz:') } },
  // ---------------------------------------------------------------- src/model: one line or one cell
  { modules: ['src/model/notebook.ts', 'src/model/ipynb.ts'], pattern: /\s+/, input: 'a cell line or %run line, split(/\\s+/, 1)', use: 'split', shapes: { 'word then blanks': fill(' ', '%run', 'x'), 'alternating': fill('a \t') } },
  { modules: ['src/model/notebook.ts'], pattern: /^ /, input: 'a MAGIC line', use: 'replace', shapes: {} },
  { modules: ['src/model/notebook.ts'], pattern: /^\S+ DBTITLE \d+,/, input: 'a `# DBTITLE` line', use: 'replace', shapes: { 'no space': fill('#'), 'title digits without comma': fill('1', '# DBTITLE '), 'repeated titles': fill('# DBTITLE 1') } },
  { modules: ['src/model/ipynb.ts'], pattern: /%sql/i, input: 'first line of an .ipynb SQL cell', use: 'replace', shapes: { 'almost magics': fill('%sq'), percents: fill('%') } },
  { modules: ['src/model/suppressions.ts'], pattern: /^(?:#|--|\/\/) MAGIC ?/, input: 'one comment', use: 'exec', shapes: { 'magic words': fill('# MAGIC ') } },
  { modules: ['src/model/suppressions.ts'], pattern: /^(?:#|--|\/\/)\s*remediation:\s*(ignore|ignore-file)\[([^\]\n]{1,200})\]/, input: 'one comment', use: 'exec', shapes: { 'marker then blanks': fill(' ', '#'), 'unclosed selector': fill('a', '# remediation: ignore['), 'open brackets': fill('[', '# remediation: ignore') } },
  // ---------------------------------------------------------------- src/model: strings and names from code
  { modules: ['src/model/python-values.ts'], pattern: /\\./g, input: 'a Python string literal', use: 'replace', shapes: { 'escape runs': fill('\\n') } },
  { modules: ['src/model/python-values.ts'], pattern: /_/g, input: 'a Python number literal', use: 'replace', shapes: { underscores: fill('_1') } },
  { modules: ['src/model/python-facts.ts'], pattern: /^(log|logger|logging|_log|_logger|LOG|LOGGER|self\.log|self\.logger)\b/, input: 'a callee', use: 'test', shapes: { 'log words': fill('log'), 'self dots': fill('self.') } },
  { modules: ['src/model/python-facts.ts'], pattern: /^@\s*/, input: 'a decorator', use: 'replace', shapes: { 'at then blanks': fill(' ', '@') } },
  { modules: ['src/model/python-facts.ts'], pattern: /DataFrame/, input: 'a function signature', use: 'test', shapes: { 'near misses': fill('DataFram') } },
  { modules: ['src/model/python-facts.ts', 'src/engine/construct.ts'], pattern: /\s+/g, input: 'an expression / the flagged line', use: 'replace', shapes: { 'word blank': fill('a '), 'mixed blanks': fill(' \t\n\r') } },
  { modules: ['src/engine/construct.ts'], pattern: /[A-Za-z0-9_]/, input: 'one character', use: 'test', shapes: {} },
  { modules: ['src/engine/construct.ts'], pattern: /\s/, input: 'one character', use: 'test', shapes: {} },
  { modules: ['src/engine/roles.ts'], pattern: /(?:^|[/_\-. \d])(?:_?resources|setup|set_up|initiali[sz]e|bootstrap|cleanup|clean_up|teardown|tear_down|generate|generator|datagen|data_gen|data_generator|fake|faker|sample_data|load[_-]?data|seed|simulat(?:e|or|ion)|upgrade|migrat(?:e|ion))(?:$|[/_\-. \d])/i, input: 'a path', use: 'test', shapes: { 'separators': fill('_-'), 'near words': fill('/setu'), 'digits and dots': fill('0.') } },
  { modules: ['checks/p8-unity-catalog/two-level-name.ts'], pattern: /^\s*(?:USE|SET)\s+CATALOG\b/i, input: 'a statement or string', use: 'test', shapes: { 'blanks': fill(' '), 'use blanks': fill(' ', 'USE') } },
  { modules: ['src/model/notebook.ts'], pattern: /^[%!]/, input: 'one line', use: 'test', shapes: {} },
  { modules: ['src/model/notebook.ts'], pattern: /^%python\b/i, input: 'one line', use: 'test', shapes: { 'percents': fill('%') } },
  { modules: ['src/engine/roles.ts'], pattern: /^(?:faker|dbldatagen|mimesis)\b/, input: 'an import', use: 'test', shapes: {} },
  { modules: ['src/engine/roles.ts'], pattern: /^(?:pytest|unittest)\b/, input: 'an import', use: 'test', shapes: {} },
  { modules: ['src/engine/hand-run.ts'], pattern: /^(?:dbutils\.widgets\.get(?:All)?|dbutils\.widgets\.getArgument|getArgument|dbutils\.jobs\.taskValues\.\w+|dbutils\.notebook\.exit)$/, input: 'a callee', use: 'test', shapes: { 'dotted': fill('dbutils.'), 'word characters': fill('a') } },
  { modules: ['src/engine/hand-run.ts'], pattern: /^(?:dlt|pyspark\.pipelines)\b/, input: 'an import', use: 'test', shapes: {} },
  { modules: ['src/engine/hand-run.ts'], pattern: /(?:^|[/_\-. \d])(?:jobs?|tasks?|workflows?|pipelines?)(?:$|[/_\-. \d])/i, input: 'a path', use: 'test', shapes: { 'separators': fill('_-'), 'near words': fill('/job') } },
  { modules: ['src/engine/roles.ts'], pattern: /(?:^|[/\-. \d])init(?:$|[/\-. \d])/i, input: 'a path', use: 'test', shapes: { 'near words': fill('-ini'), 'dunder': fill('__init__') } },
  { modules: ['src/engine/roles.ts'], pattern: /(?:^|\/)(?:\.github|\.circleci|\.azure-pipelines|scripts|tools|ci|deploy|deployment|apps?|frontend|webapp|docs)\//i, input: 'a path', use: 'test', shapes: { 'folders': fill('a/'), 'near names': fill('/app') } },
  { modules: ['checks/p8-unity-catalog/hardcoded-config.ts'], pattern: /^(?:databricks-prod-cloudfront|[a-z0-9-]*-cdn|docs|accounts|community|login|www|help|kb)\.cloud\.databricks\.com$/i, input: 'one host', use: 'test', shapes: { 'hyphens': fill('a-'), 'near cdn': fill('-cd') } },
  { modules: ['src/engine/roles.ts'], pattern: /^(?:spark|dlt|dp|sqlContext)\b/, input: 'a callee', use: 'test', shapes: {} },
  { modules: ['src/engine/roles.ts'], pattern: /\.(?:write|writeStream|read|readStream)\./, input: 'a callee', use: 'test', shapes: { 'dotted': fill('.wri'), 'writes without dot': fill('.write') } },
  { modules: ['src/engine/roles.ts'], pattern: /^(?:pyspark(?!\.sql\.types$)|dlt|delta|databricks\.connect)\b/, input: 'an import', use: 'test', shapes: { 'types suffixes': fill('.sql.types', 'pyspark') } },
  { modules: ['src/engine/roles.ts'], pattern: /(?:^|\/)docs?\//i, input: 'a path', use: 'test', shapes: { 'doc folders': fill('doc/'), 'near names': fill('/docs') } },
  // ---------------------------------------------------------------- src/engine/data-io.ts: callees, SQL names, literals
  { modules: ['src/engine/data-io.ts'], pattern: /^(?:spark|sqlContext)\.(?:read|readStream|table)\b|^(?:dlt|dp)\.(?:read|read_stream)$|(?:^|\.)(?:sc|sparkContext|SparkContext)\.(?:textFile|wholeTextFiles|binaryFiles)$/, input: 'a callee', use: 'test', shapes: { 'dotted sc': fill('sc.'), 'context prefixes': fill('.sparkContext') } },
  { modules: ['src/engine/data-io.ts'], pattern: /^(?:spark|sqlContext)\.(?:createDataFrame|range)$|(?:^|\.)(?:sc|sparkContext|SparkContext)\.parallelize$/, input: 'a callee', use: 'test', shapes: { 'dotted sc': fill('.sc'), 'near names': fill('sc.parallel') } },
  { modules: ['src/engine/data-io.ts'], pattern: /^(?:dlt|dp)\.(?:create_streaming_table|create_sink|apply_changes|create_auto_cdc_flow)$/, input: 'a callee', use: 'test', shapes: {} },
  { modules: ['src/engine/data-io.ts'], pattern: /^(?:dlt|dp)\.(?:table|materialized_view|append_flow|create_table)\b/, input: 'a decorator', use: 'test', shapes: {} },
  { modules: ['src/engine/data-io.ts'], pattern: /^(?:spark|sqlContext)\.sql$/, input: 'a callee', use: 'test', shapes: {} },
  { modules: ['src/engine/data-io.ts'], pattern: /^(?:delta|csv|json|parquet|orc|text)\.(?=[`/{]|[a-z0-9]+:)/i, input: 'a table or path name', use: 'replace', shapes: { 'format then letters': fill('a', 'delta.'), 'format dots': fill('delta.') } },
  { modules: ['src/engine/data-io.ts'], pattern: /[`"']/g, input: 'a table or path name', use: 'replace', shapes: { backticks: fill('`') } },
  { modules: ['src/engine/data-io.ts'], pattern: /^dbfs:(?=\/)/i, input: 'a path name', use: 'replace', shapes: { 'dbfs runs': fill('dbfs:') } },
  { modules: ['src/engine/data-io.ts'], pattern: /^\{(\w+)\}$/, input: 'an f-string name', use: 'replace', shapes: { unclosed: fill('a', '{'), 'closed then junk': fill('a', '{', '}x') } },
  { modules: ['src/engine/data-io.ts'], pattern: /^[rRbBuU]*[fF]/, input: 'a Python string literal', use: 'test', shapes: { 'prefix runs': fill('rb') } },
  { modules: ['src/engine/data-io.ts'], pattern: /^[rRfFbBuU]*("""|'''|"|')/, input: 'a Python string literal', use: 'replace', shapes: { 'prefix runs': fill('rf'), 'quote runs': fill('"') } },
  { modules: ['src/engine/data-io.ts'], pattern: /("""|'''|"|')$/, input: 'a Python string literal', use: 'replace', shapes: { 'quote runs': fill("'"), 'quotes then letter': fill('"', '', 'a') } },
  { modules: ['src/model/suppressions.ts'], pattern: /^P[1-8]$/i, input: 'one selector', use: 'test', shapes: { 'P then digits': fill('1', 'P') } },
  { modules: ['src/model/lineage.ts'], pattern: /\b(pandas_udf|udf)\b/, input: 'a decorator', use: 'test', shapes: { 'glued udfs': fill('udf'), 'pandas prefixes': fill('pandas_') } },
  { modules: ['src/model/lineage.ts'], pattern: /StatefulProcessor/, input: 'class bases', use: 'test', shapes: { 'near misses': fill('StatefulProcesso') } },
  { modules: ['src/model/lineage.ts'], pattern: /^@\s*(?:dlt|dp)\.(?:table|materialized_view|view|temporary_view|append_flow)\b/, input: 'a decorator', use: 'test', shapes: { 'at then blanks': fill(' ', '@'), 'near names': fill('@dlt.tabl') } },
  { modules: ['src/model/lineage.ts'], pattern: /^@\s*(?:dlt|dp)\.(?:view|temporary_view)\b/, input: 'a decorator', use: 'test', shapes: { 'at then blanks': fill(' ', '@'), 'near names': fill('@dlt.vie') } },
  { modules: ['src/model/python-facts.ts'], pattern: /^(?:spark|dlt|dp|sqlContext)\.|\.(?:write|writeStream|read|readStream)\b/, input: 'a callee', use: 'test', shapes: { 'dotted': fill('.wri'), 'near receivers': fill('spar') } },
  { modules: ['src/model/python-facts.ts'], pattern: /\b(?:Iterator|Iterable)\b/, input: 'a parameter annotation', use: 'test', shapes: { 'glued': fill('Iterat') } },
  { modules: ['src/model/state-bounds.ts'], pattern: /ProcessingTimeTimeout|EventTimeTimeout/, input: 'a timeoutConf argument', use: 'test', shapes: { 'near misses': fill('ProcessingTimeTimeou') } },
  { modules: ['src/model/external-locations.ts'], pattern: /\$\{(\w+)\}/g, input: 'an external location URL', use: 'replace', shapes: { unclosed: fill('a', '${'), 'dollar braces': fill('${') } },
  { modules: ['src/model/lineage-methods.ts'], pattern: /\bisNull\b|\bisNotNull\b|\bIS\s+(NOT\s+)?NULL\b|\bisnull\b|\bisnotnull\b/i, input: 'a filter condition', use: 'test', shapes: { 'IS then blanks': fill(' ', 'IS'), 'IS NOT runs': fill('IS NOT '), 'glued': fill('isNul') } },
  { modules: ['src/model/lineage-methods.ts'], pattern: /(>=|<=|<|>|\bbetween\b|\binterval\b)/i, input: 'a join condition', use: 'test', shapes: { 'near misses': fill('betwee intervl ') } },
  { modules: ['src/model/sql.ts'], pattern: /[A-Za-z_]/, input: 'one SQL character', use: 'test', shapes: {} },
  { modules: ['src/model/sql.ts'], pattern: /[A-Za-z0-9_$]/, input: 'one SQL character', use: 'test', shapes: {} },
  { modules: ['src/model/sql.ts'], pattern: /[0-9]/, input: 'one SQL character', use: 'test', shapes: {} },
  { modules: ['src/model/sql.ts'], pattern: /[0-9.eE]/, input: 'one SQL character', use: 'test', shapes: {} },
  // ---------------------------------------------------------------- src/model: job values and paths
  { modules: ['src/model/job-bindings.ts', 'src/model/jobs.ts', 'src/engine/repo-view.ts'], pattern: /\\/g, input: 'a task path / file path', use: 'replace', shapes: {} },
  { modules: ['src/model/job-bindings.ts', 'src/model/run-target.ts'], pattern: /\.(py|ipynb|sql|scala|r)$/i, input: 'a task path / %run target', use: 'replace', shapes: { 'extension runs': fill('.py'), 'extension prefixes': fill('.ipyn') } },
  { modules: ['src/model/run-target.ts'], pattern: /^["']|["']$/g, input: 'a %run target', use: 'replace', shapes: { 'quoted letters': fill('"a'), 'single quotes': fill("'") } },
  { modules: ['src/model/job-bindings.ts'], pattern: /^\$\{[^}]*\}/, input: 'a task path', use: 'replace', shapes: { unclosed: fill('a', '${'), 'open braces': fill('{', '${') } },
  { modules: ['src/model/job-bindings.ts'], pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, input: 'a task path', use: 'replace', shapes: { 'scheme chars without colon': fill('a+.-'), 'no slashes after colon': fill('a.', '', ':/x'), 'host run': fill('b', 'a://') } },
  { modules: ['src/model/job-bindings.ts'], pattern: /^[a-z][a-z0-9+.-]*:(?=\/)/i, input: 'a task path', use: 'replace', shapes: { 'scheme chars without colon': fill('a.-'), 'colon without slash': fill('a', '', ':x') } },
  { modules: ['src/model/job-bindings.ts'], pattern: /^(\d+)\.(\d+)(?:\.|-|$)/, input: 'spark_version', use: 'match', shapes: { 'digits, no dot': fill('1'), 'minor digits then junk': fill('1', '1.', 'x'), 'dotted digits': fill('1.') } },
  { modules: ['src/model/job-bindings.ts'], pattern: /^\$\{var\.([\w-]+)\}$/, input: 'a job value', use: 'match', shapes: { unclosed: fill('a-', '${var.'), 'closed then junk': fill('a', '${var.', '}x') } },
  { modules: ['src/model/job-bindings.ts'], pattern: /^\$\{resources\.pipelines\.([\w-]+)\.id\}$/, input: 'a pipeline_task pipeline_id', use: 'match', shapes: { unclosed: fill('a-', '${resources.pipelines.'), 'no id suffix': fill('a', '${resources.pipelines.', '.x}') } },
  { modules: ['src/model/job-bindings.ts', 'src/engine/repo-view.ts'], pattern: /^(\.\/)+/, input: 'a repository path', use: 'replace', shapes: { 'dot slashes': fill('./', '', 'x'), dots: fill('.') } },
  { modules: ['src/model/job-bindings.ts'], pattern: /^\/+/, input: 'a repository path', use: 'replace', shapes: { 'slashes then name': fill('/', '', 'x') } },
  { modules: ['src/model/job-query.ts'], pattern: /^[^@\s/${}]+@[^@\s/${}]+\.[a-z]{2,}$/i, input: 'run_as user_name', use: 'test', shapes: { 'no at': fill('a'), 'dotted domain then junk': fill('a.', 'a@', '!'), 'short labels': fill('.aa', 'a@', '!'), 'ats': fill('@') } },
  { modules: ['src/model/jobs.ts'], pattern: /\.[^.]+$/, input: 'a file name', use: 'replace', shapes: { 'dot runs': fill('.a'), dots: fill('.') } },
  { modules: ['src/model/jobs.ts'], pattern: /^(databricks|bundle)\.ya?ml$/, input: 'a file name', use: 'test', shapes: { 'long suffix': fill('y', 'databricks.') } },
  // ---------------------------------------------------------------- src/engine
  { modules: ['src/engine/file-analysis.ts'], pattern: /\.(json|ya?ml)$/i, input: 'a file path', use: 'test', shapes: { 'extension runs': fill('.json'), 'prefixes': fill('.ym') } },
  { modules: ['src/engine/repo-view.ts'], pattern: /(^|\/)(tests?|testing)\//i, input: 'a file path', use: 'test', shapes: { 'folder prefixes': fill('/test'), 'test words': fill('testing') } },
  { modules: ['src/engine/repo-view.ts'], pattern: /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/i, input: 'a file path', use: 'test', shapes: { 'test_ runs': fill('test_'), 'segments ending _test': fill('/a_test'), '_test runs': fill('_test', 'a', '.p') } },
  { modules: ['src/engine/repo-view.ts'], pattern: /^\.\//, input: 'a task path', use: 'replace', shapes: {} },
  { modules: ['src/engine/glob.ts'], pattern: /^(?:\.\/)+/, input: 'an ignore glob', use: 'replace', shapes: { 'dot slashes': fill('./', '', 'x') } },
  // ---------------------------------------------------------------- checks
  { modules: ['checks/p8-unity-catalog/hardcoded-config.ts'], pattern: /(?<![\w{}-])[a-z0-9][a-z0-9-]*\.(?:dfs|blob|queue|file|table)\.core\.windows\.net/i, input: 'a string literal', use: 'exec', shapes: { 'hyphen runs': fill('a-'), 'label runs': fill('a.'), 'suffix near misses': fill('a.dfs.core.windows.ne ') } },
  { modules: ['checks/p8-unity-catalog/hardcoded-config.ts'], pattern: /(?<![\w{}-])[a-z0-9][a-z0-9-]*\.servicebus\.windows\.net/i, input: 'a string literal', use: 'exec', shapes: { 'hyphen runs': fill('a-'), 'suffix near misses': fill('a.servicebus.windows.ne ') } },
  { modules: ['checks/p8-unity-catalog/hardcoded-config.ts'], pattern: /(?<![\w{}-])[a-z0-9][a-z0-9-]*\.vault\.azure\.net/i, input: 'a string literal', use: 'exec', shapes: { 'hyphen runs': fill('a-'), 'suffix near misses': fill('a.vault.azure.ne ') } },
  { modules: ['checks/p8-unity-catalog/hardcoded-config.ts'], pattern: /(?<![\w.{}-])[a-z0-9][a-z0-9.-]*\.(?:azuredatabricks\.net|cloud\.databricks\.com|gcp\.databricks\.com)/i, input: 'a string literal', use: 'exec', shapes: { 'dotted labels (was quadratic)': fill('a.'), 'separated hosts': fill('a.a '), 'suffix near misses': fill('a.azuredatabricks.ne ') } },
  { modules: ['checks/p8-unity-catalog/hardcoded-config.ts'], pattern: /(?:^|_)(?:NAMESPACE|STORAGE_ACCOUNT|ACCOUNT_NAME|STORAGE_ACCOUNT_NAME|VAULT_NAME|WORKSPACE_HOST)$/i, input: 'an assigned name', use: 'test', shapes: { 'name runs': fill('_NAMESPACE'), underscores: fill('_') } },
  { modules: ['checks/p8-unity-catalog/hardcoded-config.ts'], pattern: /^[a-z0-9][a-z0-9-]{2,62}$/i, input: 'a string literal', use: 'test', shapes: {} },
  { modules: ['checks/p8-unity-catalog/dbfs-mount.ts'], pattern: /^(?:dbfs:)?\/(?:dbfs\/)?mnt\//i, input: 'a string literal', use: 'test', shapes: { 'dbfs runs': fill('dbfs/', '/') } },
  { modules: ['checks/p8-unity-catalog/dbfs-mount.ts'], pattern: /(^|\.)fs\.\w+$/, input: 'a callee', use: 'test', shapes: { 'fs segments': fill('.fs.a'), 'one long word': fill('a', 'fs.', '(') } },
  { modules: ['checks/p8-unity-catalog/targets.ts'], pattern: /^(abfss?:\/\/|s3[an]?:\/\/|gs:\/\/|wasbs?:\/\/|dbfs:\/|\/mnt\/|\/dbfs\/)/i, input: 'a write target', use: 'test', shapes: {} },
  { modules: ['checks/p8-unity-catalog/targets.ts'], pattern: /^dbfs:\/Volumes\//i, input: 'a write target', use: 'test', shapes: {} },
  { modules: ['checks/p8-unity-catalog/targets.ts'], pattern: /\{([A-Za-z_][A-Za-z0-9_]*)\}/g, input: 'an f-string target', use: 'replace', shapes: { 'unclosed names': fill('{a'), 'one long unclosed name': fill('a', '{') } },
  { modules: ['checks/p8-unity-catalog/targets.ts'], pattern: /[{}$]/, input: 'a table name', use: 'test', shapes: {} },
  { modules: ['checks/p8-unity-catalog/targets.ts'], pattern: /\s/, input: 'a table name part', use: 'test', shapes: {} },
  { modules: ['checks/p3-dead-letter-queue/silent-failure.ts'], pattern: /[()\s]/g, input: 'an except clause type', use: 'replace', shapes: { parens: fill('( )') } },
  { modules: ['checks/p2-transform-with-state/json-state.ts'], pattern: /\bGroupState\b/, input: 'a parameter annotation', use: 'test', shapes: { 'glued': fill('GroupState') } },
];

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const re = new RegExp(workerData.source, workerData.flags);
for (const input of workerData.inputs) {
  re.lastIndex = 0;
  switch (workerData.use) {
    case 'test': re.test(input); break;
    case 'exec': re.exec(input); break;
    case 'replace': input.replace(re, ''); break;
    case 'split': input.split(re); break;
    case 'match': input.match(re); break;
  }
}
parentPort.postMessage('done');
`;

describe(`regular expressions on 100 kB adversarial input (${AUDITED.length} patterns, ${BUDGET_MS / 1000} s budget each)`, () => {
  for (const row of AUDITED) {
    const shapes = { ...SHARED_SHAPES, ...row.shapes };
    it(`${row.pattern} in ${row.modules.join(', ')} on ${row.input} (${Object.keys(shapes).length} shapes)`, async () => {
      const outcome = await runWithBudget<string>(WORKER, { source: row.pattern.source, flags: row.pattern.flags, use: row.use, inputs: Object.values(shapes) }, BUDGET_MS);
      expect(outcome.error).toBeUndefined();
      expect(outcome.finished, `${row.pattern} did not finish within ${BUDGET_MS} ms on ${Object.keys(shapes).join(', ')}`).toBe(true);
    }, BUDGET_MS * 3);
  }
});

const AUDITED_FOLDERS = ['src/model', 'src/engine', 'src/diff', 'checks'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path.split('\\').join('/')] : [];
  });
}

/** Regex literals (as `source/flags`) and `RegExp(...)` constructions of one source file. */
function regexesIn(path: string): { literals: string[]; constructed: number } {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const literals: string[] = [];
  let constructed = 0;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(file);
      const end = text.lastIndexOf('/');
      const re = new RegExp(text.slice(1, end), text.slice(end + 1));
      literals.push(`${re.source}/${re.flags}`);
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(file) === 'RegExp') constructed++;
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { literals, constructed };
}

describe('the regex audit covers the sources', () => {
  const key = (re: RegExp): string => `${re.source}/${re.flags}`;

  it('every regex literal of the engine is in the table, with its module', () => {
    const missing: string[] = [];
    let constructed: string[] = [];
    for (const folder of AUDITED_FOLDERS) {
      for (const path of sourceFiles(folder)) {
        const found = regexesIn(path);
        if (found.constructed > 0) constructed = [...constructed, path];
        for (const literal of found.literals) {
          if (!AUDITED.some((row) => key(row.pattern) === literal && row.modules.includes(path))) missing.push(`${path}: /${literal}`);
        }
      }
    }
    expect(missing, 'add these to AUDITED with their adversarial shapes').toEqual([]);
    // Patterns built at run time cannot be audited here; keep them out of the engine.
    expect(constructed).toEqual([]);
  });

  it('every row of the table still exists in the module it names', () => {
    const stale = AUDITED.flatMap((row) => row.modules.filter((module) => !regexesIn(module).literals.includes(key(row.pattern))).map((module) => `${module}: ${row.pattern}`));
    expect(stale).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { linesOf, notebook } from '../helpers/engine.js';
import { ipynb, lineContaining } from '../helpers/ipynb.js';

describe('P803 hardcoded-config', () => {
  it('fires on literal hosts and on namespace/account constants, one finding per literal', async () => {
    const nb = notebook(
      [
        'EVENTHUB_NAMESPACE = "ehnspymasterdevoxxrlojskvxey"', // 2
        'EVENTHUB_NAME = "mbo_raw"',
        'CHECKPOINT = "abfss://lake@spymasterlake.dfs.core.windows.net/cp"', // 4
        'HOST = "https://adb-1234567890123456.7.azuredatabricks.net"', // 5
        'spark.conf.set("fs.azure.account.key.spymasterlake.dfs.core.windows.net", key)', // 6
        'storage_account = "spymasterlake"', // 7
      ].join('\n'),
    );
    expect(await linesOf('P803', { 'jobs/n.py': nb })).toEqual([2, 4, 5, 6, 7]);
  });

  it("is reported on the line that holds the host inside a multi-line string, and not for Databricks' public CDN", async () => {
    const src = [
      'df = spark.read.table("main.a.b")', // 1
      'HTML = f"""', // 2
      '<div>', // 3
      '  <img src="https://databricks-prod-cloudfront.cloud.databricks.com/static/logo.svg">', // 4
      '  <p>{df.count()}</p>', // 5
      '  <a href="https://adb-1234567890123456.7.azuredatabricks.net/jobs">job</a>', // 6
      '</div>', // 7
      '"""', // 8
      'LOGO = "https://databricks-prod-cloudfront.cloud.databricks.com/x.png"', // 9
    ].join('\n');
    expect(await linesOf('P803', { 'jobs/report.py': src })).toEqual([6]);
  });

  it('does not fire on parameterised hosts, docstrings, comments, markdown, other constants or test files', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC The lake is spymasterlake.dfs.core.windows.net.',
      'EVENTHUB_NAMESPACE = dbutils.widgets.get("eventhub_namespace")\nFQDN = f"{EVENTHUB_NAMESPACE}.servicebus.windows.net"\nROOT = f"abfss://lake@{account}.dfs.core.windows.net"',
      '# lives in ehn.servicebus.windows.net\ndef f():\n    """Reads from lake@acct.dfs.core.windows.net."""\n    return 1',
      'NAMESPACE_DOC = "see the wiki"\nCONSUMER_GROUP = "spymaster-bronze"',
    );
    const test = 'HOST = "https://adb-1.2.azuredatabricks.net"\n';
    expect(await linesOf('P803', { 'jobs/n.py': nb, 'tests/test_conf.py': test })).toEqual([]);
  });

  it('does not fire on the fallback of an environment lookup, which the run overrides; fires on the same host used directly', async () => {
    const nb = notebook('HOST = os.environ.get("DATABRICKS_HOST", "https://adb-1.2.azuredatabricks.net")\nALT = os.getenv("HOST", default="https://adb-3.4.azuredatabricks.net")', 'URL = "https://adb-5.6.azuredatabricks.net/api"');
    expect(await linesOf('P803', { 'jobs/n.py': nb })).toEqual([7]);
  });

  it('fires on SQL string literals, in .sql files and %sql cells', async () => {
    const sql = 'CREATE TABLE main.silver.a\nLOCATION \'abfss://lake@acct.dfs.core.windows.net/silver/a\';\n';
    expect(await linesOf('P803', { 'sql/ddl.sql': sql })).toEqual([2]);
    const nb = notebook('x = 1', "# MAGIC %sql\n# MAGIC CREATE TABLE main.silver.a\n# MAGIC LOCATION 'abfss://lake@acct.dfs.core.windows.net/silver/a'");
    expect(await linesOf('P803', { 'n.py': nb })).toEqual([8]);
  });

  it('is suppressed by a comment on the line above and by ignore-file[P8]', async () => {
    const above = notebook('# remediation: ignore[P8]\nHOST = "x.servicebus.windows.net"');
    expect(await linesOf('P803', { 'a.py': above })).toEqual([]);
    const fileWide = notebook('# remediation: ignore-file[P8]', 'HOST = "x.servicebus.windows.net"');
    expect(await linesOf('P803', { 'b.py': fileWide })).toEqual([]);
  });

  it('points at the real line of an .ipynb file', async () => {
    const nb = ipynb([{ type: 'code', source: 'import os\nNS = "ehn-prod.servicebus.windows.net"' }]);
    expect(await linesOf('P803', { 'n.ipynb': nb })).toEqual([lineContaining(nb, 'servicebus')]);
  });
});

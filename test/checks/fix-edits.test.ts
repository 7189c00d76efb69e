import { describe, expect, it } from 'vitest';
import { insertBefore, pythonFileEdits, replaceNode, type UnitEdit } from '../../checks/shared/fix-edits.js';
import { analyseCode, buildModel } from '../../src/engine/file-analysis.js';
import { applyEdits } from '../../src/engine/apply-fixes.js';
import { loadPythonParser } from '../../src/model/python-parser.js';
import type { CodeModel } from '../../src/model/types.js';
import { notebook } from '../helpers/engine.js';
import { ipynb } from '../helpers/ipynb.js';

/** The file's model and the call facts of its Python, as a rule sees them. */
async function analysed(path: string, content: string) {
  const file = buildModel({ path, content }, 1e7);
  analyseCode(file, await loadPythonParser());
  if (file.model.kind !== 'code' || !file.python) throw new Error('a Python file');
  return { model: file.model, calls: file.python.facts.calls };
}

function edited(model: CodeModel, edits: UnitEdit[]): string {
  const fileEdits = pythonFileEdits(model, edits);
  if (!fileEdits) throw new Error('edits not mapped');
  return applyEdits(model.text, fileEdits);
}

const printName = (calls: Awaited<ReturnType<typeof analysed>>['calls'], index = 0) => calls.filter((c) => c.callee === 'print')[index].node.childForFieldName('function')!;

describe('Python edits written back to the file', () => {
  it('a plain module and a source notebook: the same offsets', async () => {
    const { model, calls } = await analysed('jobs/a.py', 'import os\nprint(os.getcwd())\n');
    expect(edited(model, [replaceNode(printName(calls), 'logger.info')])).toBe('import os\nlogger.info(os.getcwd())\n');
    const nb = await analysed('jobs/n.py', notebook('x = 1', 'print(x)'));
    expect(edited(nb.model, [replaceNode(printName(nb.calls), 'log')])).toBe(notebook('x = 1', 'log(x)'));
  });

  it('a `# MAGIC %python` cell: the edit lands after the prefix, and added lines get it', async () => {
    const text = notebook('# MAGIC %md\n# MAGIC Notes', '# MAGIC %python\n# MAGIC print(1)');
    const { model, calls } = await analysed('jobs/m.py', text);
    const name = printName(calls);
    expect(edited(model, [replaceNode(name, 'logger.info')])).toBe(notebook('# MAGIC %md\n# MAGIC Notes', '# MAGIC %python\n# MAGIC logger.info(1)'));
    expect(edited(model, [insertBefore(calls[0].node, 'import logging\n')])).toBe(notebook('# MAGIC %md\n# MAGIC Notes', '# MAGIC %python\n# MAGIC import logging\n# MAGIC print(1)'));
  });

  it('a SQL notebook\'s `-- MAGIC %python` cell keeps its prefix too', async () => {
    const text = '-- Databricks notebook source\nSELECT 1\n\n-- COMMAND ----------\n\n-- MAGIC %python\n-- MAGIC print(2)\n';
    const { model, calls } = await analysed('jobs/s.sql', text);
    expect(edited(model, [insertBefore(calls[0].node, 'a = 1\n')])).toBe(text.replace('-- MAGIC print(2)', '-- MAGIC a = 1\n-- MAGIC print(2)'));
  });

  it('an .ipynb cell: the edit lands in the cell\'s source string, escaped as JSON', async () => {
    const text = ipynb([{ type: 'markdown', source: '# Title' }, { type: 'code', source: 'x = "a\\tb"\nprint(x, "é")' }]);
    const { model, calls } = await analysed('nb.ipynb', text);
    const out = edited(model, [replaceNode(calls[0].args[1], '"quote \\" and\ttab"')]);
    const cells = JSON.parse(out).cells as { source: string[] }[];
    expect(cells[1].source).toEqual(['x = "a\\tb"\n', 'print(x, "quote \\" and\ttab")']);
    expect(out.split('\n').length).toBe(text.split('\n').length);
  });

  it('an .ipynb line after escapes: columns are the decoded ones', async () => {
    const text = ipynb([{ type: 'code', source: 's = "\\u00e9\\t"; print(s)' }]);
    const { model, calls } = await analysed('nb.ipynb', text);
    const out = edited(model, [replaceNode(printName(calls), 'logger.info')]);
    expect(JSON.parse(out).cells[0].source).toEqual(['s = "\\u00e9\\t"; logger.info(s)']);
  });

  it('lines added to an .ipynb cell become strings of its source list, at its indentation', async () => {
    const text = ipynb([{ type: 'code', source: 'import os\nprint(os.sep)' }]);
    const { model, calls } = await analysed('nb.ipynb', text);
    const out = edited(model, [insertBefore(calls[0].node, 'import logging\nlogger = logging.getLogger(__name__)\n'), replaceNode(printName(calls), 'logger.info')]);
    expect(JSON.parse(out).cells[0].source).toEqual(['import os\n', 'import logging\n', 'logger = logging.getLogger(__name__)\n', 'logger.info(os.sep)']);
    expect(out).toContain('    "import logging\\n",\n    "logger = logging.getLogger(__name__)\\n",\n    "logger.info(os.sep)"');
  });

  it('an edit across two strings of an .ipynb cell is not written', async () => {
    const text = ipynb([{ type: 'code', source: 'print(\n  1)' }]);
    const { model, calls } = await analysed('nb.ipynb', text);
    expect(pythonFileEdits(model, [replaceNode(calls[0].node, 'pass')])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { fixPreview } from '../../src/engine/fix-preview.js';
import { toAnnotation } from '../../src/github/check-run.js';
import { notebook, scanFiles } from '../helpers/engine.js';

describe('a fix shown as a diff', () => {
  it('has one hunk per stretch of touched lines, the later ones shifted by the lines added before', () => {
    const text = 'import os\nx = 1\n\nprint(x)\nprint(os.sep)';
    const edits = [
      { path: 'a.py', start: 9, end: 9, text: '\nimport logging' },
      { path: 'a.py', start: 17, end: 22, text: 'logger.info' },
      { path: 'b.py', start: 0, end: 0, text: 'ignored' },
    ];
    expect(fixPreview('a.py', text, edits)).toBe('--- a/a.py\n+++ b/a.py\n@@ -1,1 +1,2 @@\n-import os\n+import os\n+import logging\n@@ -4,1 +5,1 @@\n-print(x)\n+logger.info(x)\n');
    expect(fixPreview('c.py', text, edits)).toBe('');
  });

  it('is in the annotation\'s raw_details when the engine was asked for previews (the App), with how to apply it', async () => {
    const nb = notebook('spark.readStream.table("c.s.t").writeStream.trigger(once=True).toTable("c.s.u")');
    const [withPreview] = (await scanFiles({ 'a.py': nb }, { fixPreviews: true })).filter((f) => f.rule === 'P404');
    expect(toAnnotation(withPreview).raw_details).toBe(
      `Fix: ${withPreview.fix}\n\nUse \`trigger(availableNow=True)\`; \`remediation fix\` makes this change:\n--- a/a.py\n+++ b/a.py\n@@ -2,1 +2,1 @@\n` +
        '-spark.readStream.table("c.s.t").writeStream.trigger(once=True).toTable("c.s.u")\n+spark.readStream.table("c.s.t").writeStream.trigger(availableNow=True).toTable("c.s.u")\n',
    );
    const [plain] = (await scanFiles({ 'a.py': nb })).filter((f) => f.rule === 'P404');
    expect(plain.autofix?.preview).toBeUndefined();
    expect(toAnnotation(plain).raw_details).toBe(`Fix: ${plain.fix}`);
  });
});

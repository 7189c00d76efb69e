import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXCERPT_START, OUTPUTS, renderExamples, withReadmeExcerpt } from '../../scripts/render-examples.js';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

describe('rendered examples (npm run examples)', () => {
  it('are as committed: docs/examples/ and the README excerpt match what the App renders now', async () => {
    const readme = read(OUTPUTS.readme);
    expect(readme, 'README.md needs the example-excerpt markers').toContain(EXCERPT_START);
    const rendered = await renderExamples(readme);
    expect(Object.keys(rendered).sort()).toEqual(Object.values(OUTPUTS).sort());
    for (const [path, content] of Object.entries(rendered)) {
      expect(read(path) === content, `${path} is stale: run \`npm run examples\` and commit the result`).toBe(true);
    }
  }, 60_000);

  it('show the check run and the tracking issue as the App renders them', () => {
    const checkRun = read(OUTPUTS.checkRun);
    // Structure only: the figures are the engine's, and the staleness test above pins them.
    expect(checkRun).toMatch(/^## Remediation: (❌ failure|⚪ neutral|✅ success), "\d+ fixed, \d+ added"$/m);
    expect(checkRun).toMatch(/^\| \*\*Total\*\* \| \*\*\d+\*\* \| \*\*[1-9]\d*\*\* \| \*\*\d+\*\* \|$/m);
    expect(checkRun).toMatch(/^\*\*Check (failure|warning|notice)\*\* on lines? [\d-]+ in `backend\/databricks\/streaming\/rt__bronze_to_silver\.py`: \*\*P[1-8] [^*]+ · P\d{3} [a-z-]+\*\*$/m);
    // What blocks leads, linked to its rule's doc (relative: it resolves from docs/examples/); the plan line links the issue.
    expect(checkRun).toMatch(/^\*\*What blocks this pull request:\*\* \d+ added findings? at or above `failure`/m);
    expect(checkRun).toMatch(/^- \[P\d{3} [a-z-]+\]\(\.\.\/\.\.\/checks\/p[1-8]-[a-z-]+\/[a-z-]+\.md\) \[backend\//m);
    expect(checkRun).toMatch(/^If merged, this pull request closes \d+ of \d+ open findings, [\d.]+ % of the plan \(\[tracking issue #1\]\(https:\/\/github\.com\/octo-org\/spymaster\/issues\/1\)\)\.$/m);
    expect(checkRun).toContain('Behind *Show more* (`raw_details`):');
    const issue = read(OUTPUTS.trackingIssue);
    expect(issue).toContain('<!-- remediation-tracking-issue -->');
    expect(issue).toContain('resolved by #12 on 2025-06-10');
    expect(issue).toContain('**Open pull requests that would resolve more:** #13');
    // The sealed block is elided: no base64 payload or seal in the doc.
    expect(issue).toMatch(/<!-- remediation-state v2 … \(the sealed state block: deflated, base64, HMAC; elided here\) -->\n$/);
  });

  it('leave a README without markers alone', () => {
    expect(withReadmeExcerpt('# no markers\n', 'x')).toBeUndefined();
  });
});

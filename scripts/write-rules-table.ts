/** `npm run docs`: rewrites the rule table in README.md from the registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withRulesTable } from '../src/report/rules-table.js';

const path = new URL('../README.md', import.meta.url);
const next = withRulesTable(readFileSync(path, 'utf8'));
if (next === undefined) {
  process.stderr.write('README.md has no rules-table markers\n');
  process.exit(2);
}
writeFileSync(path, next);

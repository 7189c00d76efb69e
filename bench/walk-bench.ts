/**
 * The CLI's walk and read at scale: `tsx bench/walk-bench.ts [sizes] [runs]` writes the scaled
 * corpus to a temporary folder (with .gitignore files that hide a folder per copy), then times
 * `collectScanFiles` on it in a fresh child process per run and prints the median and minimum
 * per size. Linear means ms per file stays flat as the size grows.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { collectScanFiles } from '../src/local/walk.js';
import { scaledCorpus } from './corpus.js';
import { fixtureFiles } from './rows.js';
import { summary } from './scan-bench.js';

const [mode] = process.argv.slice(2);
if (mode === '--child') {
  const dir = process.argv[3];
  const start = performance.now();
  const { files } = await collectScanFiles([dir], { cwd: dir });
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - start, files: files.length })}\n`);
} else {
  const sizes = (process.argv[2] ?? '1000,5000,20000').split(',').map(Number);
  const runs = Number(process.argv[3] ?? 5);
  const base = await fixtureFiles();
  console.log('| files | walk+read ms (median) | min | ms per 1,000 files |');
  console.log('|---:|---:|---:|---:|');
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'remediation-walk-'));
    try {
      writeCorpus(dir, size, base);
      const times: number[] = [];
      let files = 0;
      for (let i = 0; i < runs; i++) {
        const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', dir], { encoding: 'utf8', maxBuffer: 1 << 24 }));
        times.push(out.ms);
        files = out.files;
      }
      const t = summary(times);
      console.log(`| ${files} | ${t.medianMs} | ${t.minMs} | ${Math.round((t.medianMs / files) * 1000)} |`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function writeCorpus(dir: string, size: number, base: Awaited<ReturnType<typeof fixtureFiles>>): void {
  writeFileSync(join(dir, '.gitignore'), 'build/\n*.tmp\n');
  for (const file of scaledCorpus(base, size, size)) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    // Ignored content beside every copy: the walk must prune it, not read it.
    if (file.path.endsWith('.py')) writeFileSync(`${path}.tmp`, 'x');
  }
  for (const copy of new Set(scaledCorpus(base, size, size).map((f) => f.path.split('/')[0]))) {
    mkdirSync(join(dir, copy, 'build'), { recursive: true });
    writeFileSync(join(dir, copy, 'build', 'generated.py'), 'print(1)\n');
    writeFileSync(join(dir, copy, '.gitignore'), 'local_*.py\n');
  }
}

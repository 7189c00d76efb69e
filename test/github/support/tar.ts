/** Builds a gzip'd POSIX tarball like GitHub's (top folder, pax header for long paths). */
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import type { GitHubMock } from '../../helpers/github-mock.js';

function header(name: string, size: number, type: string): Buffer {
  const block = Buffer.alloc(512);
  block.write(name.slice(0, 100), 0, 'utf8');
  block.write('0000644\0', 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  block.write(size.toString(8).padStart(11, '0') + '\0', 124);
  block.write('00000000000\0', 136);
  block.write('        ', 148);
  block.write(type, 156);
  block.write('ustar\0', 257);
  block.write('00', 263);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return block;
}

function pad(data: Buffer): Buffer {
  const rest = data.length % 512;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(512 - rest)]);
}

export function buildTarball(top: string, files: Record<string, string>): Buffer {
  const parts: Buffer[] = [header('pax_global_header', 52, 'g'), pad(Buffer.from('52 comment=0000000000000000000000000000000000000000\n'))];
  parts.push(header(`${top}/`, 0, '5'));
  for (const [path, content] of Object.entries(files)) {
    const full = `${top}/${path}`;
    const data = Buffer.from(content, 'utf8');
    if (full.length > 100) {
      const record = ` path=${full}\n`;
      let length = record.length + 2;
      while (`${length}${record}`.length !== length) length++;
      const pax = Buffer.from(`${length}${record}`);
      parts.push(header('PaxHeader', pax.length, 'x'), pad(pax));
    }
    parts.push(header(full, data.length, '0'), pad(data));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

/** GitHub answers the tarball request with a redirect to codeload, which serves the archive. */
export function mockTarball(gh: GitHubMock, sha: string, files: Record<string, string>): nock.Scope {
  const location = `https://codeload.github.com/Codertocat/Hello-World/legacy.tar.gz/${sha}`;
  gh.get(gh.repoPath(`/tarball/${sha}`), '', { status: 302, headers: { location } });
  return nock('https://codeload.github.com')
    .get(`/Codertocat/Hello-World/legacy.tar.gz/${sha}`)
    .reply(200, buildTarball(`Codertocat-Hello-World-${sha.slice(0, 7)}`, files), { 'content-type': 'application/x-gzip' });
}

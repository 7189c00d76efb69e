/**
 * Every string a user or a repository supplies (paths, messages, branch names, ignore
 * reasons, logins, command words) reaches the app's Markdown neutralised: it cannot ping
 * (`@user`, `@org/team`), cross-link (`#12`), start a heading or list (a lone `\r`), close
 * a code span early, inject HTML, links or images, or spoof text with bidi controls.
 *
 * The checks read the Markdown the way GFM does: text inside a code span is literal (no
 * mentions, references or HTML there), so they look at what is outside code spans, and
 * check that every code span opens and closes where the app meant it to.
 * https://github.github.com/gfm/#code-spans
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { parseCommand, type Command } from '../../src/github/commands/parse.js';
import { analysePullRequest } from '../../src/github/pr-analysis.js';
import { renderCheckOutput } from '../../src/github/render/check-summary.js';
import { helpReply, invalidReply, refusalReply } from '../../src/github/render/command-replies.js';
import { mdCode, mdMention, mdText } from '../../src/github/render/escape.js';
import { renderTrackingBody } from '../../src/github/render/tracking-body.js';
import type { TrackingState } from '../../src/github/tracking/state.js';
import type { Finding } from '../../src/model/types.js';
import { decodeBody, SCANNED_SHA, STATE_KEY, stateFromFiles } from './support/tracking.js';

const REPO = 'https://github.com/o/r';
const HOSTILE_PATH = 'notebooks/@org/team #1 `x` [a](http://e) <img src=x onerror=alert(1)> &#64;root \r## Heading \u202Eevil.py';
const HOSTILE_MESSAGE = '@admin see #12 and owner/repo#7 <script>x</script>\n# Owned\r\n\u202Eevil [click](http://evil) ![i](http://evil/i.png) | $x$ &#64;ceo';
const ZWSP = '&#8203;';

/** Line breaks GitHub or a browser may honour, and the characters that reorder or hide text. */
const BREAKS = ['\r', '\n', '\r\n', '\u2028', '\u2029', '\u0085'];
const BIDI_AND_ZERO_WIDTH = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F'];

interface Split {
  /** The Markdown with every code span replaced by `\u0000`. */
  outside: string;
  /** The code spans' contents, as GFM renders them. */
  spans: string[];
  /** Backtick runs that open no code span (they render as literal backticks). */
  stray: number;
}

/** Splits Markdown into code spans and the rest, as GFM does (backslash escapes, exact-length fences). */
function splitCode(md: string): Split {
  let outside = '';
  const spans: string[] = [];
  let stray = 0;
  let i = 0;
  while (i < md.length) {
    const c = md[i];
    if (c === '\\' && i + 1 < md.length && /[!-/:-@[-`{-~]/.test(md[i + 1])) {
      outside += md.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== '`') {
      outside += c;
      i++;
      continue;
    }
    let end = i;
    while (md[end] === '`') end++;
    const n = end - i;
    let close = -1;
    for (let k = end; k < md.length; ) {
      if (md[k] !== '`') {
        k++;
        continue;
      }
      let e = k;
      while (md[e] === '`') e++;
      if (e - k === n) {
        close = k;
        break;
      }
      k = e;
    }
    if (close === -1) {
      outside += md.slice(i, end);
      stray++;
      i = end;
      continue;
    }
    let content = md.slice(end, close).replace(/\r\n|\r|\n/g, ' ');
    if (content.length >= 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') content = content.slice(1, -1);
    spans.push(content);
    outside += '\u0000';
    i = close + n;
  }
  return { outside, spans, stray };
}

/** `@` + word character outside code spans: what GitHub would turn into a mention. */
function mentions(md: string): string[] {
  return splitCode(md).outside.match(/@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?/g) ?? [];
}

/** `#` + digit outside code spans and character references: what GitHub would turn into an issue reference. */
function references(md: string): string[] {
  return splitCode(md).outside.replace(/&#(?:\d+|x[\da-f]+);/gi, '\u0001').match(/#\d+/g) ?? [];
}

/** Lines that GFM would read as ATX headings (up to three spaces of indent). */
function headingLines(md: string): string[] {
  return md.split(/\r\n|\r|\n/).filter((line) => /^ {0,3}#/.test(line));
}

/** The destinations of the inline links of a line, read as GFM does (balanced parentheses, ends at a space). */
function linkDestinations(line: string): string[] {
  const out: string[] = [];
  for (let start = line.indexOf(']('); start !== -1; start = line.indexOf('](', start + 2)) {
    if (line[start - 1] === '\\') continue;
    let depth = 0;
    let dest = '';
    for (let i = start + 2; i < line.length; i++) {
      const c = line[i];
      if (c === '\\' && i + 1 < line.length) {
        dest += line.slice(i, i + 2);
        i++;
        continue;
      }
      if (c === ' ' || c === '\t') break;
      if (c === '(') depth++;
      if (c === ')') {
        if (depth === 0) break;
        depth--;
      }
      dest += c;
    }
    out.push(dest);
  }
  return out;
}

/** The path a blob permalink points at, or undefined if it is not one. */
function permalinkPath(dest: string, sha: string): { path: string; anchor: string } | undefined {
  const prefix = `${REPO}/blob/${sha}/`;
  if (!dest.startsWith(prefix)) return undefined;
  const rest = dest.slice(prefix.length);
  const hash = rest.indexOf('#');
  const encoded = hash === -1 ? rest : rest.slice(0, hash);
  return { path: decodeURIComponent(encoded), anchor: hash === -1 ? '' : rest.slice(hash) };
}

function visiblePart(body: string): string {
  const end = body.indexOf('<!-- remediation-state');
  expect(end).toBeGreaterThan(0);
  return body.slice(0, end);
}

function expectKind<K extends Command['kind']>(command: Command | undefined, kind: K): Extract<Command, { kind: K }> {
  expect(command?.kind).toBe(kind);
  return command as Extract<Command, { kind: K }>;
}

function expectNoBreaksOrInvisibles(text: string): void {
  for (const c of [...BREAKS, ...BIDI_AND_ZERO_WIDTH]) expect(text, `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).not.toContain(c);
}

describe('mdText', () => {
  it('does not let @user or @org/team ping', () => {
    for (const input of ['@user', '@org/team', 'hi @octo-cat and @org/team!', 'x@y']) {
      const out = mdText(input);
      expect(out, input).not.toMatch(/@[A-Za-z0-9]/);
      expect(mentions(out), input).toEqual([]);
    }
    expect(mdText('@user')).toBe(`@${ZWSP}user`);
    expect(mdText('@org/team')).toBe(`@${ZWSP}org/team`);
  });

  it('does not let #12 or owner/repo#12 cross-link', () => {
    for (const input of ['#12', 'owner/repo#12', 'fixes #1, #2']) {
      const out = mdText(input);
      expect(out, input).not.toMatch(/(?<!&)#\d/);
      expect(references(out), input).toEqual([]);
    }
    expect(mdText('owner/repo#12')).toBe(`owner/repo#${ZWSP}12`);
  });

  it('keeps entities literal: &#64; does not become an @', () => {
    const out = mdText('&#64;user');
    expect(out).toMatch(/^&amp;#/);
    expect(out).not.toContain('&#64;');
    expect(out).toBe(`&amp;#${ZWSP}64;user`);
  });

  it('lets no HTML in', () => {
    for (const input of ['<img src=x>', '<script>alert(1)</script>', '<!-- x -->', 'a > b']) {
      const out = mdText(input);
      expect(out, input).not.toContain('<');
      expect(out, input).not.toContain('>');
    }
    expect(mdText('<img src=x>')).toBe('&lt;img src=x&gt;');
  });

  it('turns every kind of line break into a space, so a lone CR cannot start a heading', () => {
    for (const br of BREAKS) {
      const out = mdText(`a${br}# b`);
      expect(out, JSON.stringify(br)).not.toContain(br);
      expect(out).toMatch(/^a +#/);
      expect(headingLines(out)).toEqual([]);
    }
    expect(mdText('a\r\n- b\n> c')).toBe('a  - b &gt; c');
  });

  it('drops bidi controls and zero-width characters', () => {
    for (const c of BIDI_AND_ZERO_WIDTH) expect(mdText(`ab${c}cd`), `U+${c.codePointAt(0)!.toString(16)}`).toBe('abcd');
    expectNoBreaksOrInvisibles(mdText(BIDI_AND_ZERO_WIDTH.join('x')));
  });

  it('escapes links, images, table cells, emphasis and math', () => {
    expect(mdText('[x](http://evil)')).toBe('\\[x\\]\\(http://evil\\)');
    expect(mdText('![x](y)')).toBe('\\!\\[x\\]\\(y\\)');
    expect(mdText('a|b')).toBe('a\\|b');
    expect(mdText('$x$')).toBe('\\$x\\$');
    expect(mdText('*a* _b_ ~c~ `d`')).toBe('\\*a\\* \\_b\\_ \\~c\\~ \\`d\\`');
    // No unescaped bracket, pipe or dollar is left.
    expect(mdText('[a](b) ![c](d) | $e$')).not.toMatch(/(^|[^\\])[[\]()|$!]/);
    // Escaped backticks open no code span.
    expect(splitCode(mdText('`a` ``b``'))).toMatchObject({ spans: [], stray: 0 });
  });

  it('clips long input to max characters with an ellipsis, before escaping', () => {
    expect(mdText('x'.repeat(20), 5)).toBe('xxxxx…');
    expect(mdText('x'.repeat(600))).toBe(`${'x'.repeat(500)}…`);
    expect(mdText('x'.repeat(5), 5)).toBe('xxxxx');
    // An entity is never cut in half.
    expect(mdText('<'.repeat(10), 3)).toBe('&lt;&lt;&lt;…');
    // Characters, not UTF-16 units.
    expect(mdText('😀'.repeat(4), 2)).toBe('😀😀…');
  });
});

describe('mdCode', () => {
  const fenced = (out: string): string => /^`+/.exec(out)![0];
  const longestRun = (text: string): number => Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));

  it('fences text with a run of backticks longer than any inside it, so it cannot be closed early', () => {
    for (const input of ['a`b', 'a``b', '`a', 'b`', '`', '```', 'x ```` y `', '`@admin` ```', 'plain']) {
      const out = mdCode(input);
      const fence = fenced(out);
      expect(fence.length, input).toBeGreaterThan(longestRun(input));
      expect(out.endsWith(fence), input).toBe(true);
      // The opening fence is exactly `fence` (a backtick right after it would make it longer).
      expect(out[fence.length], input).not.toBe('`');
      expect(out[out.length - fence.length - 1], input).not.toBe('`');
      // Read as GFM: one code span holding exactly the input, nothing outside.
      expect(splitCode(out), input).toEqual({ outside: '\u0000', spans: [input], stray: 0 });
    }
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`a')).toBe('`` `a ``');
  });

  it('stays one span when followed by more text with backticks', () => {
    const md = `${mdCode('a``b')} and \`code\` and ${mdCode('`')}`;
    expect(splitCode(md)).toEqual({ outside: '\u0000 and \u0000 and \u0000', spans: ['a``b', 'code', '`'], stray: 0 });
  });

  it('removes line breaks, bidi controls and zero-width characters', () => {
    const out = mdCode(`a\rb\nc\r\nd\u2028e\u2029f\u0085g ${BIDI_AND_ZERO_WIDTH.join('')}h`);
    expectNoBreaksOrInvisibles(out);
    expect(out).toBe('`a b c  d e f g h`');
  });

  it('clips to max characters', () => {
    expect(mdCode('x'.repeat(10), 4)).toBe('`xxxx…`');
  });
});

describe('mdMention', () => {
  it('mentions a valid login', () => {
    expect(mdMention('octo-cat')).toBe('@octo-cat');
    expect(mdMention('app[bot]')).toBe('@app[bot]');
    expect(mdMention('a'.repeat(39))).toBe(`@${'a'.repeat(39)}`);
  });

  it('does not mention anything that is not a login', () => {
    for (const input of ['a b', '@x', 'x/y', 'org/team', 'a'.repeat(40), 'a'.repeat(100), 'octo\ncat', 'octo-cat\n', '\nocto-cat', '-x', 'x[bot]\r# h', 'évil']) {
      const out = mdMention(input);
      expect(out, JSON.stringify(input)).not.toMatch(/@\w/);
      expect(mentions(out), JSON.stringify(input)).toEqual([]);
      expectNoBreaksOrInvisibles(out);
    }
  });
});

describe('tracking issue body with hostile strings', () => {
  function hostileState(path = HOSTILE_PATH): TrackingState {
    const state: TrackingState = {
      ...stateFromFiles([{ path, content: 'x = 1  # BAD P101\n' }]),
      ignores: [{ selector: 'P4', path: '`@admin` ```', reason: 'see #3 @boss\r# injected', by: 'mallory', at: '2025-01-01T00:00:00Z' }],
    };
    state.scan = { ...state.scan!, branch: 'feat/@x`y' };
    return state;
  }
  const render = (state: TrackingState): string => renderTrackingBody({ state, repoUrl: REPO, key: STATE_KEY });

  it('starts no heading of its own: only the app\'s headings begin with #', () => {
    const visible = visiblePart(render(hostileState()));
    const headings = headingLines(visible);
    expect(headings.length).toBeGreaterThan(0);
    for (const line of headings) expect(line).toMatch(/^## (P[1-8] |Ignored |Actions$|Trend$|Owners$|Merged pull requests$)/);
    expect(visible).not.toContain('\r');
    expect(visible).not.toContain('\u202E');
    expectNoBreaksOrInvisibles(visible.replace(/\n/g, ''));
  });

  it('pings nobody but the login that recorded the ignore, and links no issue', () => {
    const visible = visiblePart(render(hostileState()));
    expect(mentions(visible)).toEqual(['@mallory']);
    expect(references(visible)).toEqual([]);
    // Entities are literal: `&#64;` does not turn into an @.
    expect(splitCode(visible).outside.match(/&#\d+;/g)?.filter((e) => e !== ZWSP) ?? []).toEqual([]);
  });

  it('lets no HTML in but the app\'s own tags', () => {
    const { outside } = splitCode(visiblePart(render(hostileState())));
    const tags = outside.match(/<[^>]*>?/g) ?? [];
    for (const tag of tags) expect(tag).toMatch(/^<(\/?(a|details|summary|sub)\b[^<]*>|!-- remediation[:-][\w-]+ -->)$/);
    expect(outside).not.toContain('<img');
  });

  it('keeps the branch name and the ignored path inside their code spans', () => {
    const visible = visiblePart(render(hostileState()));
    const split = splitCode(visible);
    expect(split.stray).toBe(0);
    expect(split.spans).toContain('feat/@x`y');
    expect(split.spans).toContain('`@admin` ```');
    // The hostile path is plain text in a link label: no code span comes out of its backticks.
    expect(split.spans).not.toContain('x');
    const ignored = visible.split('\n').find((line) => line.includes('injected'))!;
    expect(ignored).toBe('- `P4` in ```` `@admin` ``` ```` — hides 0 findings: see #&#8203;3 @&#8203;boss #&#8203; injected (@mallory, 2025-01-01)');
  });

  it('keeps each file a link to its own permalink, its findings after it', () => {
    const visible = visiblePart(render(hostileState()));
    const item = visible.split('\n').find((line) => line.startsWith('- [') && line.includes('**failure** P101'))!;
    expect(item).toBeDefined();
    const [dest] = linkDestinations(item);
    expect(permalinkPath(dest, SCANNED_SHA)).toEqual({ path: HOSTILE_PATH, anchor: '' });
    expect(item.endsWith('): **failure** P101 fake-rule L1')).toBe(true);
  });

  it('keeps its sealed state block readable', () => {
    const state = hostileState();
    expect(decodeBody(render(state))).toEqual({ ok: true, state });
  });

  // Paths are percent-encoded per segment with encodeURIComponent, which leaves `(` and `)` as they are:
  // an unbalanced `)` in a file name ends the link destination early, and what follows is Markdown.
  it('keeps a permalink whole when the path has an unbalanced parenthesis (tracking issue)', () => {
    for (const path of ['notebooks/x)**pwned**.py', 'notebooks/x)(www.evil.example.py', 'notebooks/a(b.py']) {
      const visible = visiblePart(render(hostileState(path)));
      const item = visible.split('\n').find((line) => line.startsWith('- [') && line.includes('**failure** P101'))!;
      const [dest] = linkDestinations(item);
      expect(permalinkPath(dest, SCANNED_SHA), path).toEqual({ path, anchor: '' });
    }
  });
});

describe('command parsing and replies', () => {
  it('does not echo @everyone as a mention in the help reply', () => {
    const command = expectKind(parseCommand('/remediation @everyone'), 'unknown');
    const reply = helpReply(command.subcommand);
    expect(mentions(reply)).toEqual([]);
    expect(splitCode(reply).outside).not.toMatch(/@e/);
    expect(splitCode(reply).spans).toContain('@everyone');
    expect(splitCode(reply).stray).toBe(0);
  });

  it('keeps backticks in an invalid ignore inside their code span', () => {
    const command = expectKind(parseCommand('/remediation ignore `x` -- r'), 'invalid');
    const reply = invalidReply(command.subcommand, command.problem);
    const split = splitCode(reply);
    expect(split.stray).toBe(0);
    expect(split.spans).toEqual(['/remediation ignore', '`x`', '/remediation ignore P4 [path] [category] [until: YYYY-MM-DD] -- reason']);
    expect(split.outside).not.toContain('x`');
  });

  it('does not echo a mention or a heading in an invalid ignore', () => {
    const command = expectKind(parseCommand('/remediation ignore @admin``` -- r'), 'invalid');
    const reply = invalidReply(command.subcommand, command.problem);
    expect(mentions(reply)).toEqual([]);
    expect(splitCode(reply)).toMatchObject({ stray: 0 });
    expect(splitCode(reply).spans).toContain('@admin```');
    expect(headingLines(reply)).toEqual([]);
  });

  it('does not mention a hostile login in a refusal', () => {
    const reply = refusalReply('evil\r# @org/team', 'ignore @x`y');
    expect(mentions(reply)).toEqual([]);
    expect(headingLines(reply)).toEqual([]);
    expect(reply).not.toContain('\r');
    expect(splitCode(reply).stray).toBe(0);
    expect(splitCode(reply).spans[0]).toBe('/remediation ignore @x`y');
  });

  it('reads only the first line as the command, a lone CR ending it', () => {
    expect(parseCommand('/remediation help\r# @everyone')).toEqual({ kind: 'help' });
  });

  it('ignores a first line over 1,000 characters', () => {
    expect(parseCommand(`/remediation ignore P4 -- ${'x'.repeat(1000)}`)).toBeUndefined();
    expect(parseCommand(`/remediation ${'@everyone '.repeat(120)}`)).toBeUndefined();
  });

  it('refuses an ignore path or reason over 200 characters', () => {
    expectKind(parseCommand(`/remediation ignore P4 ${'a'.repeat(201)} -- r`), 'invalid');
    expectKind(parseCommand(`/remediation ignore P4 src/ -- ${'r'.repeat(201)}`), 'invalid');
    expect(parseCommand(`/remediation ignore P4 ${'a'.repeat(200)} -- ${'r'.repeat(200)}`)).toMatchObject({ kind: 'ignore' });
  });
});

describe('check run output with hostile strings', () => {
  function finding(extra: Partial<Finding> = {}): Finding {
    return {
      priority: 1,
      rule: 'P101',
      name: 'missing-watermark',
      path: HOSTILE_PATH,
      line: 1,
      endLine: 1,
      column: 1,
      endColumn: 5,
      severity: 'failure',
      message: HOSTILE_MESSAGE,
      fix: 'Add withWatermark upstream.',
      fingerprint: 'fp1',
      identity: 'fp1',
      suppressed: false,
      status: 'new',
      ...extra,
    };
  }

  function output(findings: Finding[]) {
    const analysis = analysePullRequest({
      result: { findings, summary: {} as never, filesAnalysed: 1, bytesAnalysed: 0, hunks: [] },
      touched: new Set(findings.map((f) => f.path)),
      changedLines: new Map(findings.map((f) => [f.path, new Set([1])])),
      config: defaultConfig(),
      muted: [],
    });
    expect(analysis.added.length).toBeGreaterThan(0);
    return renderCheckOutput({ analysis, config: defaultConfig(), repoUrl: REPO, headSha: 'h', baseSha: 'b', notes: [], annotationsSent: 1 });
  }

  it('pings nobody, links no issue, lets no HTML in and starts no heading', () => {
    const out = output([finding(), finding({ fingerprint: 'fp2', status: 'resolved', line: 2, endLine: 2 })]);
    expect(out.text).toBeDefined();
    for (const md of [out.summary, out.text!]) {
      expect(mentions(md)).toEqual([]);
      expect(references(md)).toEqual([]);
      expect(md).not.toContain('<');
      expect(md).not.toContain('\r');
      expect(md).not.toContain('\u202E');
      expect(splitCode(md).stray).toBe(0);
      for (const line of headingLines(md)) expect(line).toMatch(/^### Fixed by this pull request \(1\)$/);
    }
    // The added finding blocks: it leads the summary (and is annotated), so the text has only the fixed one.
    expect(headingLines(out.text!)).toHaveLength(1);
    // The message stays on its item's line, literal.
    const item = out.summary.split('\n').find((line) => line.startsWith('- **P101'))!;
    expect(item).toContain(`@${ZWSP}admin see #${ZWSP}12`);
    expect(item).toContain('\\[click\\]\\(http://evil\\) \\!\\[i\\]');
    expect(item).not.toContain('&#64;');
  });

  it('keeps each finding a link to its own permalink', () => {
    const out = output([finding()]);
    const item = out.summary.split('\n').find((line) => line.startsWith('- **P101'))!;
    const [dest] = linkDestinations(item);
    expect(permalinkPath(dest, 'h')).toEqual({ path: HOSTILE_PATH, anchor: '#L1' });
  });

  it('keeps a permalink whole when the path has an unbalanced parenthesis (check run)', () => {
    const path = 'notebooks/x)**pwned**.py';
    const out = output([finding({ path })]);
    const item = out.summary.split('\n').find((line) => line.startsWith('- **P101'))!;
    const [dest] = linkDestinations(item);
    expect(permalinkPath(dest, 'h'), item).toEqual({ path, anchor: '#L1' });
  });
});

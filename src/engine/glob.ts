/**
 * Glob matching for ignore paths, without regular expressions. Ignore globs come from the
 * repository's config and from `/remediation ignore` comments; a glob compiled to a regular
 * expression (as picomatch does) backtracks polynomially or worse: `*a*a*a*a*a*a*c` against a
 * 60-character path took 5 s, and every later check of the repository would pay it again.
 * Here matching is a table walk, pattern length times path length, never worse.
 *
 * Supported: `*` (any run without `/`), `?` (one character but `/`), `**` as a whole segment
 * (any number of segments), `[abc]` / `[a-z]` / `[!x]` / `[^x]`, `{a,b}` alternatives and
 * `\` escapes. Everything else is literal. Like picomatch with `dot: true`, `*` matches dot files.
 */

type Token =
  | { kind: 'char'; accepts: (c: string) => boolean; literal?: string }
  /** `*`: a run of characters without `/`. */
  | { kind: 'star' }
  /** `**` + `/`: nothing, or anything ending in `/` (whole segments). */
  | { kind: 'segments' }
  /** `**` at the end: anything. */
  | { kind: 'rest' }
  /** `/**` at the end: nothing (the folder itself), or `/` and anything. */
  | { kind: 'inside' };

/** Longest glob (after brace expansion, all alternatives together) that is matched at all. */
const MAX_GLOB_LENGTH = 4096;
const MAX_ALTERNATIVES = 64;

/** A matcher for `pattern`; a pattern over the limits never matches. */
export function globMatcher(pattern: string): (path: string) => boolean {
  if (pattern.length > MAX_GLOB_LENGTH) return () => false;
  // Paths are repository-relative: `./jobs/*` means `jobs/*`.
  const alternatives = expandBraces(pattern.replace(/^(?:\.\/)+/, ''));
  const total = alternatives?.reduce((sum, a) => sum + a.length, 0) ?? Infinity;
  if (!alternatives || total > MAX_GLOB_LENGTH) return () => false;
  const compiled = alternatives.map(tokenize);
  return (path) => compiled.some((tokens) => matches(tokens, path));
}

/** `{a,b}` alternatives (nested too); undefined when there are too many. Unbalanced braces are literal. */
function expandBraces(pattern: string): string[] | undefined {
  const open = findBraceOpen(pattern);
  if (open < 0) return [pattern];
  const close = matchingBrace(pattern, open);
  if (close < 0) return [pattern];
  const parts = splitTopLevel(pattern.slice(open + 1, close));
  if (parts.length < 2) {
    // `{x}` is literal, but braces after it may still expand.
    const rest = expandBraces(pattern.slice(close + 1));
    return rest?.map((r) => pattern.slice(0, close + 1) + r);
  }
  const out: string[] = [];
  for (const part of parts) {
    const expanded = expandBraces(pattern.slice(0, open) + part + pattern.slice(close + 1));
    if (!expanded) return undefined;
    out.push(...expanded);
    if (out.length > MAX_ALTERNATIVES) return undefined;
  }
  return out;
}

function findBraceOpen(pattern: string): number {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '{') return i;
  }
  return -1;
}

function matchingBrace(pattern: string, open: number): number {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '*') {
      let end = i;
      while (pattern[end] === '*') end++;
      // Exactly two stars alone in a segment cross folders; `***` is a plain star, as in picomatch.
      const afterSlash = i > 0 && pattern[i - 1] === '/';
      const wholeSegment = end - i === 2 && (i === 0 || afterSlash);
      if (wholeSegment && end === pattern.length) {
        const last = tokens[tokens.length - 1];
        if (last?.kind === 'char' && last.literal === '/') tokens[tokens.length - 1] = { kind: 'inside' };
        else tokens.push({ kind: 'rest' });
      } else if (wholeSegment && pattern[end] === '/') {
        tokens.push({ kind: 'segments' });
        end++;
      } else if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
      i = end;
    } else if (c === '?') {
      tokens.push({ kind: 'char', accepts: (x) => x !== '/' });
      i++;
    } else if (c === '[') {
      const parsed = characterClass(pattern, i);
      if (parsed) {
        tokens.push({ kind: 'char', accepts: parsed.accepts });
        i = parsed.end;
      } else {
        tokens.push(literal('['));
        i++;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      tokens.push(literal(pattern[i + 1]));
      i += 2;
    } else {
      tokens.push(literal(c));
      i++;
    }
  }
  return tokens;
}

function literal(c: string): Token {
  return { kind: 'char', accepts: (x) => x === c, literal: c };
}

/** `[...]` starting at `open`: the test and the index after `]`, or undefined when unterminated. */
function characterClass(pattern: string, open: number): { accepts: (c: string) => boolean; end: number } | undefined {
  let i = open + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  // A `]` right after the opening bracket is a member, as in POSIX.
  let first = true;
  while (i < pattern.length && (pattern[i] !== ']' || first)) {
    first = false;
    let low = pattern[i];
    if (low === '\\' && i + 1 < pattern.length) low = pattern[++i];
    let high = low;
    if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
      high = pattern[i + 2] === '\\' && i + 3 < pattern.length ? pattern[i + 3] : pattern[i + 2];
      i += pattern[i + 2] === '\\' ? 4 : 3;
    } else i++;
    ranges.push([low, high]);
  }
  if (i >= pattern.length) return undefined;
  const accepts = (c: string): boolean => c !== '/' && ranges.some(([low, high]) => c >= low && c <= high) !== negated;
  return { accepts, end: i + 1 };
}

/**
 * Whether the tokens match the whole path. `next[p]` says whether the tokens after the current
 * one match `path.slice(p)`; one pass per token from the end.
 */
function matches(tokens: Token[], path: string): boolean {
  const n = path.length;
  let next = new Uint8Array(n + 1);
  let current = new Uint8Array(n + 1);
  next[n] = 1;
  for (let t = tokens.length - 1; t >= 0; t--) {
    const token = tokens[t];
    current.fill(0);
    if (token.kind === 'char') {
      for (let p = 0; p < n; p++) current[p] = next[p + 1] && token.accepts(path[p]) ? 1 : 0;
    } else {
      current[n] = next[n];
      // For `segments`: some `/` at or after p is followed by a match of the rest.
      let slashThenRest = 0;
      // For `inside`: the rest matches somewhere after p.
      let restLater = next[n];
      for (let p = n - 1; p >= 0; p--) {
        const c = path[p];
        if (token.kind === 'star') current[p] = next[p] || (c !== '/' && current[p + 1]) ? 1 : 0;
        else if (token.kind === 'rest') current[p] = next[p] || current[p + 1] ? 1 : 0;
        else if (token.kind === 'inside') {
          current[p] = next[p] || (c === '/' && restLater) ? 1 : 0;
          if (next[p]) restLater = 1;
        } else {
          if (c === '/' && next[p + 1]) slashThenRest = 1;
          current[p] = next[p] || slashThenRest ? 1 : 0;
        }
      }
    }
    [next, current] = [current, next];
  }
  return next[0] === 1;
}

/**
 * Where an ignore applies: a glob, or a path prefix (a folder). Answers are kept per path,
 * since every finding of a file asks again.
 */
export function ignorePathMatcher(pattern: string): (path: string) => boolean {
  const glob = globMatcher(pattern);
  const prefix = withoutTrailingSlashes(pattern);
  const known = new Map<string, boolean>();
  return (path) => {
    let hit = known.get(path);
    if (hit === undefined) {
      hit = path === prefix || path.startsWith(`${prefix}/`) || glob(path);
      known.set(path, hit);
    }
    return hit;
  };
}

/** Any of several globs. */
export function anyGlob(patterns: readonly string[]): (path: string) => boolean {
  const matchers = patterns.map(globMatcher);
  return (path) => matchers.some((m) => m(path));
}

/**
 * A loop, not `/\/+$/`: that pattern restarts at every slash of a run and rescans it, quadratic
 * on a long run of slashes (the path comes from config or a PR comment, not from us).
 */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}

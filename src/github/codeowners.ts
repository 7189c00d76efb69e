/**
 * CODEOWNERS: who owns a file, as GitHub decides it. Pure; never throws.
 *
 * - The file: `.github/CODEOWNERS`, then `CODEOWNERS`, then `docs/CODEOWNERS`; GitHub uses
 *   the first it finds. Over 3 MB GitHub does not load it, and neither does this.
 * - A line is a pattern and zero or more owners (`@user`, `@org/team`, an email); `#` starts
 *   a comment. A line with invalid syntax is skipped, as GitHub does. A pattern with no owners
 *   is valid: the files it matches have none.
 * - The last matching pattern wins.
 * - Patterns are gitignore patterns, matched by the `ignore` package (case-sensitive), with
 *   GitHub's documented differences: `!` negation is not supported (the line is skipped),
 *   `[ ]` ranges are not supported (brackets are literal here), `\#` does not escape a leading
 *   hash (the line is a comment), and `docs/*` matches the files directly in `docs/` but not
 *   deeper ones (git would match those through their folder).
 * https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners
 */
import ignore, { type Ignore } from 'ignore';

/** GitHub's search order. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;
/** GitHub does not load a larger CODEOWNERS file. */
export const CODEOWNERS_MAX_BYTES = 3 * 1024 * 1024;
/** More rules than this are not matched at all: each costs a match per file, and last-match-wins forbids keeping only some. */
export const CODEOWNERS_MAX_RULES = 5000;
const MAX_OWNERS_PER_RULE = 10;
const MAX_OWNER_LENGTH = 100;

export interface CodeownersRule {
  pattern: string;
  owners: string[];
  line: number;
}

export interface Codeowners {
  /** Which file the rules came from. */
  source: string;
  rules: CodeownersRule[];
}

/** The first CODEOWNERS file GitHub would use among `files` (path -> content), parsed. */
export function pickCodeowners(files: ReadonlyMap<string, string>): Codeowners | undefined {
  for (const source of CODEOWNERS_PATHS) {
    const text = files.get(source);
    if (text === undefined) continue;
    if (Buffer.byteLength(text, 'utf8') > CODEOWNERS_MAX_BYTES) return undefined;
    const rules = parseCodeowners(text);
    return rules.length > CODEOWNERS_MAX_RULES ? undefined : { source, rules };
  }
  return undefined;
}

// `@user`, `@org/team` (GitHub's login and team slug characters), or an email address.
const OWNER = /^(?:@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]{1,100})?|[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190})$/;

export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const tokens = tokenize(raw.trim());
    if (tokens.length === 0) return;
    const [pattern, ...rest] = tokens;
    const comment = rest.findIndex((t) => t.startsWith('#'));
    const owners = comment === -1 ? rest : rest.slice(0, comment);
    if (pattern.startsWith('!') || owners.length > MAX_OWNERS_PER_RULE || owners.some((o) => o.length > MAX_OWNER_LENGTH || !OWNER.test(o))) return;
    rules.push({ pattern, owners, line: index + 1 });
  });
  return rules;
}

/** Whitespace-separated tokens; `\ ` keeps a space in a pattern. A comment line has none. */
function tokenize(line: string): string[] {
  if (line === '' || line.startsWith('#')) return [];
  const tokens: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && line[i + 1] === ' ') {
      current += '\\ ';
      i++;
    } else if (c === ' ' || c === '\t') {
      if (current) tokens.push(current);
      current = '';
    } else current += c;
  }
  if (current) tokens.push(current);
  return tokens;
}

/** Matches paths against the rules; `ownersOf` gives the owners of the last matching rule (undefined when none matches). */
export function codeownersMatcher(rules: readonly CodeownersRule[]): (path: string) => string[] | undefined {
  const compiled = rules.map((rule) => ({ rule, matcher: compile(rule.pattern) }));
  return (path) => {
    if (path === '' || path === '.' || path.startsWith('/')) return undefined;
    for (let i = compiled.length - 1; i >= 0; i--) {
      const { rule, matcher } = compiled[i];
      if (matcher && matches(matcher, path)) return rule.owners;
    }
    return undefined;
  };
}

function compile(pattern: string): Ignore | undefined {
  // Brackets are literal in CODEOWNERS.
  const literal = pattern.replace(/[[\]]/g, '\\$&');
  // `dir/*`: only the files directly in `dir`. Re-including its subfolders keeps git's folder rule from matching deeper files.
  const lines = /(^|\/)\*$/.test(literal) && literal !== '*' ? [literal, `!${literal}/`] : [literal];
  try {
    return ignore({ ignorecase: false }).add(lines);
  } catch {
    return undefined;
  }
}

function matches(matcher: Ignore, path: string): boolean {
  try {
    return matcher.ignores(path);
  } catch {
    return false;
  }
}

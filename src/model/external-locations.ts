/**
 * Unity Catalog external locations a file declares (`CREATE EXTERNAL LOCATION name URL '...'`):
 * a path under one of them is governed by Unity Catalog (grants on the location apply to every
 * read and write by path). https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-syntax-ddl-create-location
 * Read from SQL tokens; pure, never throws.
 */
import type { SqlStatement } from './sql.js';

export function externalLocationUrls(statements: readonly SqlStatement[]): string[] {
  const urls: string[] = [];
  for (const statement of statements) {
    const tokens = statement.tokens.filter((t) => t.type !== 'comment');
    const words = tokens.map((t) => (t.type === 'word' ? t.value.toUpperCase() : ''));
    const external = words.indexOf('EXTERNAL');
    if (words[0] !== 'CREATE' || external < 0 || words[external + 1] !== 'LOCATION') continue;
    const url = words.indexOf('URL', external);
    const value = url >= 0 ? tokens[url + 1] : undefined;
    if (value?.type === 'string' && value.value.trim() !== '') urls.push(normaliseLocation(value.value));
  }
  return urls;
}

/** Paths compared by their text, with `${var}` (SQL) and `{var}` (f-string) placeholders alike and no trailing slash. */
export function normaliseLocation(path: string): string {
  let out = path.trim().replace(/\$\{(\w+)\}/g, '{$1}');
  // A loop, not `/\/+$/`: that pattern rescans a run of slashes from each of them.
  let end = out.length;
  while (end > 0 && out[end - 1] === '/') end--;
  out = out.slice(0, end);
  return out.toLowerCase();
}

/** The path lies under one of the locations (a location itself included). */
export function underLocation(path: string, locations: readonly string[]): boolean {
  const p = normaliseLocation(path);
  return locations.some((location) => p === location || p.startsWith(`${location}/`));
}

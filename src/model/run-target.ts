/** `%run ./x` and `%run ../lib/y` targets resolved against the including notebook's folder. */
import { posix } from 'node:path';

export function resolveRunTarget(fromPath: string, target: string): string {
  const cleaned = target.replace(/^["']|["']$/g, '');
  const base = cleaned.startsWith('/') ? cleaned.slice(1) : posix.join(posix.dirname(fromPath), cleaned);
  return stripCodeExtension(posix.normalize(base));
}

export function stripCodeExtension(path: string): string {
  return path.replace(/\.(py|ipynb|sql|scala|r)$/i, '');
}

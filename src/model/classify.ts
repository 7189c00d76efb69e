/**
 * Which repository paths the engine looks at. Decided from the path alone so the
 * GitHub gatherer can skip irrelevant files before fetching any content.
 */
import type { FileKind } from './types.js';

const CODE_EXTENSIONS = ['.py', '.ipynb', '.sql', '.scala', '.r'];
const JOB_EXTENSIONS = ['.json', '.yml', '.yaml'];
const SKIPPED_FOLDERS = ['node_modules/', '.git/', '__pycache__/', '.venv/', 'venv/', '.databricks/'];

export function isCandidatePath(path: string): boolean {
  const lower = path.toLowerCase();
  if (SKIPPED_FOLDERS.some((folder) => lower.startsWith(folder) || lower.includes(`/${folder}`))) return false;
  return [...CODE_EXTENSIONS, ...JOB_EXTENSIONS].some((ext) => lower.endsWith(ext));
}

const READ_NOTEBOOKS: ReadonlySet<FileKind> = new Set(['python-notebook', 'ipynb', 'sql-notebook']);

/** A notebook in a language the engine reads (Python source notebooks, `.ipynb`, SQL notebooks). */
export function isReadNotebook(kind: FileKind): boolean {
  return READ_NOTEBOOKS.has(kind);
}

/**
 * Which repository paths the engine looks at. Decided from the path alone so the
 * GitHub gatherer can skip irrelevant files before fetching any content.
 */
const CODE_EXTENSIONS = ['.py', '.ipynb', '.sql', '.scala', '.r'];
const JOB_EXTENSIONS = ['.json', '.yml', '.yaml'];
const SKIPPED_FOLDERS = ['node_modules/', '.git/', '__pycache__/', '.venv/', 'venv/', '.databricks/'];

export function isCandidatePath(path: string): boolean {
  const lower = path.toLowerCase();
  if (SKIPPED_FOLDERS.some((folder) => lower.startsWith(folder) || lower.includes(`/${folder}`))) return false;
  return [...CODE_EXTENSIONS, ...JOB_EXTENSIONS].some((ext) => lower.endsWith(ext));
}

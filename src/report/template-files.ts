/** File names under the package's `templates/` folder (apart from template.ts, so reading one does not load the engine). */
export const TEMPLATE_FILES = {
  progress: 'progress.md.eta',
} as const;

export type TemplateName = keyof typeof TEMPLATE_FILES;

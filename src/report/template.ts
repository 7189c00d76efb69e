/**
 * Template loading for the Markdown reports. Templates live as files under
 * `templates/`; the edge (CLI or app) reads the file and hands its text here,
 * so rendering stays free of I/O and tests can pass a template inline.
 */
import { Eta } from 'eta';

export type TemplateFn = (data: object) => string;

export { TEMPLATE_FILES, type TemplateName } from './template-files.js';

// Markdown, not HTML: escaping is done per field by the renderers, where the context is known.
// autoTrim off: templates trim the newlines they mean to with `-%>`, nothing else is eaten.
const eta = new Eta({ autoEscape: false, autoTrim: false });
const compiled = new Map<string, TemplateFn>();

/** Compiles (once per distinct source) a template string into a render function. */
export function compileTemplate(source: string): TemplateFn {
  const cached = compiled.get(source);
  if (cached) return cached;
  const fn = eta.compile(source);
  const render: TemplateFn = (data) => fn.call(eta, data);
  compiled.set(source, render);
  return render;
}

export function renderTemplate(source: string, data: object): string {
  return compileTemplate(source)(data);
}

/**
 * Loading tree-sitter's Python grammar (the wasm that `tree-sitter-python` ships) into
 * `web-tree-sitter`. Loading reads the wasm from disk once; parsing is pure.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';

export interface PythonParser {
  parse(text: string): Tree | undefined;
}

let loading: Promise<PythonParser> | undefined;

export function loadPythonParser(): Promise<PythonParser> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return {
      parse(text: string): Tree | undefined {
        try {
          return parser.parse(text) ?? undefined;
        } catch {
          parser.reset();
          return undefined;
        }
      },
    };
  })();
  return loading;
}

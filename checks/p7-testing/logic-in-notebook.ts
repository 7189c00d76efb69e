/**
 * P702 logic-in-notebook: transformation functions defined in a notebook. A notebook
 * cannot be imported by pytest, so the logic can only be tested by running the notebook;
 * moved to a module (`src/...py`) it is imported by both the notebook and the tests.
 * https://docs.databricks.com/aws/en/notebooks/testing
 */
import { isReadNotebook } from '../../src/model/classify.js';
import type { FileRule, RawFinding } from '../types.js';
import { transformFunctions } from './transforms.js';

// SQL notebooks count too: their `%python` cells are notebook code all the same.

export const logicInNotebook: FileRule = {
  meta: {
    id: 'P702',
    name: 'logic-in-notebook',
    priority: 7,
    severity: 'notice',
    title: 'Transformation function defined in a notebook instead of an importable module',
    fix: 'Move the function to a module such as `src/pipeline/transforms.py`, then `from pipeline.transforms import parse_events` in the notebook and in `tests/test_transforms.py`.',
    hint: 'Move the function to a module (`src/pipeline/transforms.py`) and import it',
    remediation: [],
  },
  kind: 'file',
  check({ model, python }) {
    if (!python || !isReadNotebook(model.fileKind)) return [];
    const out: RawFinding[] = [];
    for (const fn of transformFunctions(python)) {
      out.push({
        span: fn.defSpan,
        message: `Transformation function \`${fn.qualifiedName}\` is defined in a notebook: move it to a module so tests can import it`,
        key: fn.qualifiedName,
        hint: `Move \`${fn.qualifiedName}\` to a module; import it in the notebook and the tests`,
        fix:
          `Move \`${fn.qualifiedName}\` to a module such as \`src/pipeline/transforms.py\`, then ` +
          `\`from pipeline.transforms import ${fn.className ?? fn.name}\` in the notebook and in \`tests/test_transforms.py\`.`,
      });
    }
    return out;
  },
};

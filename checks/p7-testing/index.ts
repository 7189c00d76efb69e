import type { Rule } from '../types.js';
import { untestedTransform } from './untested-transform.js';
import { logicInNotebook } from './logic-in-notebook.js';
import { noTestSuite } from './no-test-suite.js';

export const rules: Rule[] = [untestedTransform, logicInNotebook, noTestSuite];

/** Placeholder for rules that judge a change rather than a state (filled by P5 provider-change). */
import type { Finding, InputFile } from '../model/types.js';
import type { PythonParser } from '../model/python-parser.js';
import type { EngineOptions } from './api-types.js';

export function diffRuleFindings(_parser: PythonParser, _base: InputFile[], _head: InputFile[], _options: EngineOptions): Finding[] {
  return [];
}

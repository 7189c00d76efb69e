/**
 * Remediation signals: places in a file where a token that fixes some rule appears in code
 * (a method called, an option key given as a string, a job key). Used to map changed hunks
 * to the priorities they work on even when no finding sits on them.
 */
import { allRules } from '../../checks/index.js';
import type { Priority } from '../model/types.js';
import type { AnalysedFile } from './file-analysis.js';
import { walk } from '../model/pos-helpers.js';

export interface Signal {
  line: number;
  priority: Priority;
}

let tokenPriorities: Map<string, Priority[]> | undefined;

function tokens(): Map<string, Priority[]> {
  if (tokenPriorities) return tokenPriorities;
  tokenPriorities = new Map();
  for (const rule of allRules) {
    for (const token of rule.meta.remediation) {
      const list = tokenPriorities.get(token) ?? [];
      if (!list.includes(rule.meta.priority)) list.push(rule.meta.priority);
      tokenPriorities.set(token, list);
    }
  }
  return tokenPriorities;
}

export function collectSignals(file: AnalysedFile): Signal[] {
  const map = tokens();
  const out: Signal[] = [];
  const add = (token: string, line: number): void => {
    for (const priority of map.get(token) ?? []) out.push({ line, priority });
  };
  if (file.python) {
    for (const call of file.python.facts.calls) add(call.method, call.span.line);
    for (const s of file.python.facts.strings) if (!s.docstring) add(s.value, s.span.line);
  }
  for (const statement of file.sql) for (const token of statement.tokens) add(token.value, token.span.line);
  if (file.model.kind === 'jobs' && file.model.root) {
    walk(file.model.root, (node, key) => {
      if (key !== undefined) add(String(key), (node.keySpan ?? node.span).line);
      if (node.type === 'scalar' && typeof node.value === 'string') add(node.value, node.span.line);
    });
  }
  return out;
}

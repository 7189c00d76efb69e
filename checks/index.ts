/**
 * The explicit rule registry: every rule of every priority, in id order.
 * Docs, SARIF rules and README tables are derived from this list.
 */
import type { Rule } from './types.js';
import { rules as p1 } from './p1-watermarking/index.js';
import { rules as p2 } from './p2-transform-with-state/index.js';
import { rules as p3 } from './p3-dead-letter-queue/index.js';
import { rules as p4 } from './p4-rate-limiting/index.js';
import { rules as p5 } from './p5-rocksdb-state-store/index.js';
import { rules as p6 } from './p6-metrics-alerting/index.js';
import { rules as p7 } from './p7-testing/index.js';
import { rules as p8 } from './p8-unity-catalog/index.js';

export const allRules: readonly Rule[] = [...p1, ...p2, ...p3, ...p4, ...p5, ...p6, ...p7, ...p8];

export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((rule) => [rule.meta.id, rule]));
export const rulesByName: ReadonlyMap<string, Rule> = new Map(allRules.map((rule) => [rule.meta.name, rule]));

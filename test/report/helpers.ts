import type { Finding } from '../../src/model/types.js';
import type { RuleMeta } from '../../checks/types.js';

export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    priority: 1,
    rule: 'P101',
    name: 'missing-watermark',
    path: 'pipelines/x.py',
    line: 12,
    endLine: 14,
    column: 5,
    severity: 'failure',
    message: 'Stateful `groupBy().agg()` on a stream without a watermark',
    fix: 'Add `.withWatermark("event_time", "10 minutes")` upstream',
    fingerprint: 'fp-101-x',
    identity: 'fp-101-x',
    suppressed: false,
    ...overrides,
  };
}

/** Rule metadata as the registry will hold it; hand-built so tests do not depend on which rules exist. */
export const sampleRules: RuleMeta[] = [
  {
    id: 'P101',
    name: 'missing-watermark',
    priority: 1,
    severity: 'failure',
    title: 'Stateful streaming operation without a watermark',
    fix: 'Add withWatermark upstream',
    hint: 'Add withWatermark',
    remediation: ['withWatermark'],
  },
  {
    id: 'P401',
    name: 'kafka-unbounded',
    priority: 4,
    severity: 'warning',
    title: 'Kafka source without maxOffsetsPerTrigger',
    fix: 'Set maxOffsetsPerTrigger',
    hint: 'Set maxOffsetsPerTrigger',
    remediation: ['maxOffsetsPerTrigger'],
  },
  {
    id: 'P602',
    name: 'no-query-listener',
    priority: 6,
    severity: 'notice',
    title: 'No StreamingQueryListener registered',
    fix: 'Register a listener with spark.streams.addListener',
    hint: 'Register a listener',
    remediation: ['addListener'],
  },
];

/** One finding of each severity, plus a suppressed one and (for diff mode) a resolved one. */
export function mixedFindings(): Finding[] {
  return [
    makeFinding(),
    makeFinding({
      priority: 4,
      rule: 'P401',
      name: 'kafka-unbounded',
      path: 'pipelines/ingest.py',
      line: 8,
      endLine: 13,
      column: 5,
      severity: 'warning',
      message: 'Kafka source without maxOffsetsPerTrigger',
      fix: 'Set .option("maxOffsetsPerTrigger", N)',
      fingerprint: 'fp-401-ingest',
    }),
    makeFinding({
      priority: 6,
      rule: 'P602',
      name: 'no-query-listener',
      path: 'pipelines/ingest.py',
      line: 1,
      endLine: 1,
      column: 1,
      severity: 'notice',
      message: 'No StreamingQueryListener registered',
      fix: 'Register a listener',
      fingerprint: 'fp-602-ingest',
    }),
    makeFinding({ path: 'pipelines/y.py', line: 3, endLine: 3, fingerprint: 'fp-101-y', suppressed: true }),
  ];
}

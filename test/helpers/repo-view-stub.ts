/**
 * A RepoView that knows nothing: no jobs, no includes, no tests. Tests override
 * the parts a rule asks for.
 */
import type { RepoView } from '../../checks/types.js';

export function emptyRepoView(overrides: Partial<RepoView> = {}): RepoView {
  return {
    tasksRunning: () => [],
    pipelinesRunning: () => [],
    includes: () => [],
    confsFor: () => [],
    isTestPath: (path) => /(^|\/)tests?\//.test(path) || /(^|\/)test_[^/]*\.py$/.test(path),
    runsStreaming: () => undefined,
    streamsOf: () => undefined,
    roleOf: () => undefined,
    testIdentifiers: new Set<string>(),
    hasTestSuite: false,
    ...overrides,
  };
}

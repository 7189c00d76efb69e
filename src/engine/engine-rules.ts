/**
 * The engine's own findings about the analysis (P0xx), apart from findings.ts so the CLI can
 * name them (exit status, `--select`) without loading the finding pipeline at start-up.
 */
import type { RuleMeta } from '../../checks/types.js';

export const CANNOT_ANALYSE: RuleMeta = {
  id: 'P000',
  name: 'cannot-analyse',
  priority: 1,
  severity: 'notice',
  title: 'This file could not be analysed',
  fix: 'Check that the file is a valid notebook, Python module, SQL file, job JSON or bundle YAML.',
  hint: 'Check that the file is a valid notebook, Python module, SQL file, job JSON or bundle YAML',
  remediation: [],
};

export const UNKNOWN_SUPPRESSION: RuleMeta = {
  id: 'P001',
  name: 'unknown-suppression',
  priority: 1,
  severity: 'notice',
  title: 'Suppression comment names no rule or priority, so it silences nothing',
  fix: 'Name a rule id (`P401`), a rule name (`kafka-unbounded`) or a priority (`P4`): `remediation rules` lists them.',
  hint: 'Name a rule id (`P401`), a rule name (`kafka-unbounded`) or a priority (`P4`)',
  remediation: [],
};

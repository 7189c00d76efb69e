/**
 * P805 user-identity: a job that runs as, or on a cluster dedicated to, a person.
 * It breaks when the person leaves and gives the job the person's grants.
 * Production jobs should run as a service principal.
 * https://docs.databricks.com/aws/en/jobs/privileges#run-as
 * https://docs.databricks.com/aws/en/admin/users-groups/best-practices
 */
import { get, str, walk } from '../../src/model/pos-helpers.js';
import { isPersonIdentity, uniqueBySpan } from '../../src/model/job-query.js';
import type { FileRule, RawFinding } from '../types.js';

export const userIdentity: FileRule = {
  meta: {
    id: 'P805',
    name: 'user-identity',
    priority: 8,
    severity: 'warning',
    title: 'Job runs as a person instead of a service principal',
    fix: 'Use "run_as": {"service_principal_name": "<application-id>"} and, on dedicated clusters, "single_user_name": "<application-id>" (or a group).',
    hint: 'Use "run_as": {"service_principal_name": "<application-id>"}',
    remediation: ['service_principal_name'],
  },
  kind: 'file',
  check(ctx) {
    if (ctx.model.kind !== 'jobs') return [];
    const findings: RawFinding[] = [];
    // The whole file is walked: bundle targets override run_as and clusters outside any job.
    walk(ctx.model.root, (node, key) => {
      if (key === 'single_user_name' && isPersonIdentity(str(node))) {
        findings.push({ span: node.span, message: "single_user_name holds a person's email address: the cluster is dedicated to that user", key: 'single_user_name', ...SINGLE_USER_FIX });
      }
      if (key === 'run_as') {
        const user = get(node, 'user_name');
        if (user && isPersonIdentity(str(user))) {
          findings.push({ span: user.span, message: "run_as.user_name holds a person's email address: the job runs with that user's identity", key: 'run_as' });
        }
      }
    });
    return uniqueBySpan(findings);
  },
};

const SINGLE_USER_FIX = {
  hint: 'Set "single_user_name" to a service principal\'s application id, or use a group',
  fix: 'Set "single_user_name": "<application-id>" (a service principal) or a group, and run the job as that principal: "run_as": {"service_principal_name": "<application-id>"}.',
};

import type { Rule } from '../types.js';
import { printLogging } from './print-logging.js';
import { noQueryListener } from './no-query-listener.js';
import { jobNoFailureAlert } from './job-no-failure-alert.js';
import { jobNoRetry } from './job-no-retry.js';
import { jobNoBacklogHealth } from './job-no-backlog-health.js';
import { jobNoTags } from './job-no-tags.js';

export const rules: Rule[] = [printLogging, noQueryListener, jobNoFailureAlert, jobNoRetry, jobNoBacklogHealth, jobNoTags];

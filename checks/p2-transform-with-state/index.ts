import type { Rule } from '../types.js';
import { legacyStatefulApi } from './legacy-stateful-api.js';
import { stateNoTimeout } from './state-no-timeout.js';
import { jsonState } from './json-state.js';
import { stateNoTtl } from './state-no-ttl.js';
import { iterrows } from './iterrows.js';
import { runtimeTooOld } from './runtime-too-old.js';

export const rules: Rule[] = [legacyStatefulApi, stateNoTimeout, jsonState, stateNoTtl, iterrows, runtimeTooOld];

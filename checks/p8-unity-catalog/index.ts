import type { Rule } from '../types.js';
import { pathSink } from './path-sink.js';
import { pathSource } from './path-source.js';
import { hardcodedConfig } from './hardcoded-config.js';
import { dbfsMount } from './dbfs-mount.js';
import { userIdentity } from './user-identity.js';
import { twoLevelName } from './two-level-name.js';
import { noAutoOptimize } from './no-auto-optimize.js';

export const rules: Rule[] = [pathSink, pathSource, hardcodedConfig, dbfsMount, userIdentity, twoLevelName, noAutoOptimize];

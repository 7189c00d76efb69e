import type { Rule } from '../types.js';
import { noRocksdb } from './no-rocksdb.js';
import { noChangelogCheckpointing } from './no-changelog-checkpointing.js';
import { confInNotebook } from './conf-in-notebook.js';
import { providerChange } from './provider-change.js';

export const rules: Rule[] = [noRocksdb, noChangelogCheckpointing, confInNotebook, providerChange];

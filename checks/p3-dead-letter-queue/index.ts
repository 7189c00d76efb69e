import type { Rule } from '../types.js';
import { unguardedRowLoop } from './unguarded-row-loop.js';
import { silentFailure } from './silent-failure.js';
import { fromJsonUnchecked } from './from-json-unchecked.js';
import { noBadRecordsPath } from './no-bad-records-path.js';
import { schemaInferred } from './schema-inferred.js';
import { nullFillHides } from './null-fill-hides.js';

export const rules: Rule[] = [unguardedRowLoop, silentFailure, fromJsonUnchecked, noBadRecordsPath, schemaInferred, nullFillHides];

import type { Rule } from '../types.js';
import { missingWatermark } from './missing-watermark.js';
import { dropduplicatesStreaming } from './dropduplicates-streaming.js';
import { streamJoinUnbounded } from './stream-join-unbounded.js';

export const rules: Rule[] = [missingWatermark, dropduplicatesStreaming, streamJoinUnbounded];

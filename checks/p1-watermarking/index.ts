import type { Rule } from '../types.js';
import { missingWatermark } from './missing-watermark.js';

export const rules: Rule[] = [missingWatermark];

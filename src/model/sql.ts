// placeholder replaced by the SQL model
import type { Span } from './types.js';
export interface SqlStatement { text: string; span: Span; tokens: SqlToken[] }
export interface SqlToken { type: 'word' | 'string' | 'ident' | 'number' | 'punct' | 'op'; value: string; span: Span }

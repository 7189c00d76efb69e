// The scan worker thread when the engine runs from its TypeScript sources (tests, `tsx`):
// a worker does not inherit the parent's loader, so tsx's is registered here first.
// Compiled and bundled builds start scan-worker.js / scan-worker.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./scan-worker.ts');

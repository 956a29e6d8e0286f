// Worker-thread entry of the pool: registers tsx (the project runs TypeScript without a
// build step, and Node cannot start a worker from a .ts file), then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

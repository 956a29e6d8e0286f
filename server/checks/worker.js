// Worker-thread entry of the check pool when the bundle cannot be built: registers tsx
// (Node cannot start a worker from a .ts file), then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

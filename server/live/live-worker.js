// Worker-thread entry of a live run when the bundle cannot be built: registers tsx (Node
// cannot start a worker from a .ts file), then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./live-worker.ts');

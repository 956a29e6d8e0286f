// Worker-thread entry for parallel.ts: registers tsx (the project runs TypeScript without
// a build step), then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./replication-worker.ts');

// Imported first by every entry of the web app (the app, teaching mode, its worker): zod
// would otherwise probe whether it may compile parsers with `new Function`, and under the
// server's Content-Security-Policy (no 'unsafe-eval': server/security-headers.ts) the
// browser refuses that and reports a violation each time. Parsing is the same without
// it, as it is anyway wherever eval is refused. Must run before any schema is built.
import { z } from 'zod';

z.config({ jitless: true });

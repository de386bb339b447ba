import { config } from 'zod'

// In the browser, zod probes `new Function('')` to decide whether to compile fast parsers;
// under the web app's Content-Security-Policy (no 'unsafe-eval') that probe is a policy
// violation. Its interpreter is fast enough for forms. Imported first by index.ts, so it runs
// before any schema is created (zod decides when an object schema is made).
if ('window' in globalThis) config({ jitless: true })

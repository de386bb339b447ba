// Import boundaries (issue 18), checked by `pnpm run boundaries` in `pnpm test`.
// Paths are the real files after resolution: `@perspektiv/model` resolves to packages/model/src.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'storage-not-sync',
      comment: 'Storage is the layer below sync: it stores bytes and rows and must not know the sync engine.',
      severity: 'error',
      from: { path: '^apps/server/src/storage/' },
      to: { path: '^apps/server/src/sync/' },
    },
    {
      name: 'packages-not-apps',
      comment: 'Shared packages are used by the apps, never the other way round.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'web-not-server',
      comment: 'The web app runs in the browser: it talks to the server over HTTP and WebSocket, never by import (shared types live in packages/model).',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^apps/server/' },
    },
    {
      name: 'http-not-sync-internals',
      comment: 'HTTP routes (and the review steps they share, reviewContent.ts) use what sync exports from sync/index.ts, not its internals.',
      severity: 'error',
      from: { path: '^apps/server/src/((http|routes)/|reviewContent\\.ts$)' },
      to: { path: '^apps/server/src/sync/', pathNot: '^apps/server/src/sync/index\\.ts$' },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
}

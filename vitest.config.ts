import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/e2e/**', 'tests/bench/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    benchmark: { include: ['packages/*/src/**/*.bench.ts'] },
  },
})

import { readFileSync } from 'node:fs'
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'

const SERVER = process.env.PERSPEKTIV_SERVER ?? 'http://localhost:8787'

/**
 * Emits the service worker with the list of built files, so the app shell (and the
 * editor's offline cache) also opens on a reload without a network.
 */
function serviceWorker(): Plugin {
  return {
    name: 'perspektiv-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).map((f) => `/${f}`)
      const source = readFileSync(new URL('./sw/service-worker.js', import.meta.url), 'utf8')
        .replace('__PRECACHE__', JSON.stringify(['/', ...files]))
        .replace('__VERSION__', JSON.stringify(String(Date.now())))
      this.emitFile({ type: 'asset', fileName: 'sw.js', source })
    },
  }
}

export default defineConfig({
  plugins: [react(), serviceWorker()],
  resolve: { dedupe: ['yjs', '@tiptap/pm', '@tiptap/core', '@tiptap/y-tiptap', 'react', 'react-dom'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // zod's sources carry esbuild-style pure annotations Rollup reports on every build; harmless.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/zod/')) return
        warn(warning)
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: SERVER, changeOrigin: false },
      '/sync': { target: SERVER, ws: true, changeOrigin: false },
      '/events': { target: SERVER, ws: true, changeOrigin: false },
    },
  },
})

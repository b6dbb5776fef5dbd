/// <reference types="vitest/config" />
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { writePrecache } from './scripts/precache';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

/** After a build: dist/precache.json, the service worker's install list. */
function precache(): Plugin {
  let outDir = 'dist';
  return {
    name: 'cpm-precache',
    apply: 'build',
    configResolved: (config) => {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: () => writePrecache(outDir),
  };
}

export default defineConfig({
  plugins: [react(), precache()],
  // Relative asset URLs so the built app works from any sub-path.
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // The service worker is its own entry, at the root (its scope is the app's folder) and with a fixed name.
      input: { main: resolve(ROOT, 'index.html'), sw: resolve(ROOT, 'src/sw.ts') },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
  },
});

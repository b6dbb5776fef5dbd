/// <reference types="vitest/config" />
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defaultModel, precacheGlobs } from './scripts/precache';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  plugins: [
    react(),
    // The service worker: Workbox's precache (each file by its own revision, so a new build downloads only what
    // changed) of the app, the default model and the person finder; other models are cached when first used.
    VitePWA({
      injectRegister: null,
      manifest: false,
      workbox: {
        ...precacheGlobs(defaultModel(resolve(ROOT, 'public'))),
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        clientsClaim: true,
        skipWaiting: true,
        // A server may answer `Vary: Origin` (vite preview does) while the page's requests carry an Origin that the
        // cached ones did not: matched with Vary, an offline reload would miss. (Workbox's precache ignores Vary.)
        runtimeCaching: [{ urlPattern: /\/models\//, handler: 'CacheFirst', options: { cacheName: 'cpm-models', matchOptions: { ignoreVary: true } } }],
      },
    }),
  ],
  // Relative asset URLs so the built app works from any sub-path.
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
  },
});

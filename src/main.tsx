import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadModels, provideDevtools } from './app/modelSession';
import './app/cameraLoop';
import './app/stillImage';
import './styles.css';
import { App } from './ui/App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
// `?devtools` (tests, benchmarks): window.__cpmDebug and its worker side, a chunk of their own.
if (new URLSearchParams(location.search).has('devtools')) provideDevtools((await import('./devtools/pageTools')).installDevtools);
void loadModels();
// Offline use and a fast second visit (Workbox's service worker, vite.config.ts). Not in development, where Vite serves modules fresh; a browser
// that refuses it (no secure context) just has no offline mode.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch(() => undefined);
}

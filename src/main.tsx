import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { type CpmDebug, debugApi } from './app/debugApi';
import { loadModels } from './app/modelSession';
import './app/stillImage';
import './styles.css';
import { App } from './ui/App';

declare global {
  interface Window {
    /** For tests and benchmarks: memory, a synthetic frame loop, the fixture check. */
    __cpmDebug: CpmDebug;
  }
}

window.__cpmDebug = debugApi;
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
void loadModels();
// Offline use and a fast second visit (src/sw.ts). Not in development, where Vite serves modules fresh; a browser
// that refuses it (no secure context) just has no offline mode.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch(() => undefined);
}

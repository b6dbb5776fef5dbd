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

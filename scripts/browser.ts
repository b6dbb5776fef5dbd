/** Shared by the Node scripts that drive the built app: a vite preview server and Debian's Chromium. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type Browser, chromium } from '@playwright/test';

export const SWIFTSHADER_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

/** Serves dist/ (run `npm run build` first) on 127.0.0.1:port until `stop` is called. */
export async function startPreview(port: number): Promise<{ url: string; stop: () => void }> {
  // Vite's own entry (not npx) so that killing the child stops the server.
  const vite = join('node_modules', 'vite', 'bin', 'vite.js');
  const server: ChildProcess = spawn(process.execPath, [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitFor(url);
  } catch (error) {
    server.kill();
    throw error;
  }
  return { url, stop: () => server.kill() };
}

export function launchChromium(webgpu: boolean, extraFlags: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...SWIFTSHADER_FLAGS, webgpu ? '--enable-unsafe-webgpu' : '--disable-features=WebGPU', ...extraFlags],
  });
}

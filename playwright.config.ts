import { defineConfig } from '@playwright/test';
import { FAKE_CAMERA } from './e2e/fakeCamera';
import { SWIFTSHADER_FLAGS } from './scripts/browser';

/** Debian's Chromium: Playwright cannot download browsers here (scripts/test-all.sh installs it when missing). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const COMMON = [
  ...SWIFTSHADER_FLAGS,
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  // SwiftShader runs WebGPU and WebGL on the CPU: shader compiles take seconds.
  timeout: 240_000,
  expect: { timeout: 90_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4173',
    headless: true,
    permissions: ['camera'],
  },
  webServer: {
    command: 'npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
    url: 'http://127.0.0.1:4173',
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /(fallback|camera)\.spec\.ts/,
      use: { launchOptions: { executablePath: CHROMIUM, args: [...COMMON, '--enable-unsafe-webgpu'] } },
    },
    {
      // The fake camera plays a video of a person walking across the frame (e2e/fakeCamera.ts).
      name: 'camera',
      testMatch: /camera\.spec\.ts/,
      use: {
        launchOptions: { executablePath: CHROMIUM, args: [...COMMON, '--enable-unsafe-webgpu', `--use-file-for-fake-video-capture=${FAKE_CAMERA}`] },
      },
    },
    {
      name: 'webgpu-disabled',
      testMatch: /fallback\.spec\.ts/,
      use: { launchOptions: { executablePath: CHROMIUM, args: [...COMMON, '--disable-features=WebGPU'] } },
    },
  ],
});

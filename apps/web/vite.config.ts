import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defaultServerConditions, searchForWorkspaceRoot } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The web app. `vite` serves it on :5173 with /api proxied to a `sopflow serve` on :8787
// (SOPFLOW_API to change); `vite build` writes dist/, which `sopflow serve` serves.
// Component tests (vitest, happy-dom) call the real server app in-process, read from the
// workspace packages' TypeScript sources (the `sopflow-source` condition).
export default defineConfig(({ mode }) => ({
  plugins: [react()],
  server: {
    proxy: { '/api': process.env.SOPFLOW_API ?? 'http://127.0.0.1:8787' },
    // The monorepo's root, wherever vite or vitest was started from (`--root apps/web` from the root, as `npm test` does,
    // otherwise denied `elkjs/lib/elk-worker.min.js?url` from the root's node_modules).
    fs: { allow: [searchForWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)))] },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  ...(mode === 'test' ? {
    resolve: { conditions: ['sopflow-source', ...defaultClientConditions] },
    ssr: { resolve: { conditions: ['sopflow-source', ...defaultServerConditions], externalConditions: ['sopflow-source'] } },
  } : {}),
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test-support/setup-dom.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
  },
}));

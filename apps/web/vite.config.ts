import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The web app. `vite` serves it on :5173 with /api proxied to a `sopflow serve` on :8787
// (SOPFLOW_API to change); `vite build` writes dist/, which `sopflow serve` serves.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': process.env.SOPFLOW_API ?? 'http://127.0.0.1:8787' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test-support/setup-dom.ts'],
  },
});

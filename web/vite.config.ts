import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The app is served by the Conclave server at / (src/Conclave.Server/Web/WebApp.cs): hashed files under
// /assets/ are cached for a year, index.html is revalidated. The server's Content-Security-Policy allows
// scripts from this origin only (no inline script, no eval), so nothing here may emit either.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The modulepreload polyfill is not needed by the browsers the app supports.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});

import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The code behind the sign-in (app/SignedInApp, loaded with import()) starts downloading while index.js is
// still being parsed and run, instead of after: on a reload of a signed-in page (most loads) that is a
// round trip and the time to run index.js earlier. The sign-in screen downloads it without running it
// (web/scripts/bundle-size.mjs counts it in the sign-in screen's budget).
function preloadSignedInApp(): Plugin {
  return {
    name: 'conclave-preload-signed-in-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find((c) => c.type === 'chunk' && c.isDynamicEntry && c.name === 'SignedInApp');
        if (!chunk) throw new Error('no SignedInApp chunk to preload: was app/SignedInApp renamed?');
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `/${chunk.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}

// The app is served by the Conclave server at / (src/Conclave.Server/Web/WebApp.cs): hashed files under
// /assets/ are cached for a year, index.html is revalidated. The server's Content-Security-Policy allows
// scripts from this origin only (no inline script, no eval), so nothing here may emit either.
export default defineConfig({
  base: '/',
  plugins: [react(), preloadSignedInApp()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // One stylesheet for the whole app, loaded by index.html: the code loaded after sign-in then runs as soon
    // as it arrives (with a stylesheet of its own, import() would wait for that file's round trip first).
    cssCodeSplit: false,
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

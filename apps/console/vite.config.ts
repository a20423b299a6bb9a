// Builds the web console into dist/console (served by the standalone process at /). `npm run build:console`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const consoleRoot = fileURLToPath(new URL('.', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root: consoleRoot,
  publicDir: 'src/public',
  base: '/',
  // React 17+ JSX transform through esbuild: no Babel plugin needed.
  esbuild: { jsx: 'automatic' },
  resolve: {
    // cbor-x's default browser build probes for eval, which the console's Content-Security-Policy forbids.
    alias: [{ find: /^cbor-x$/, replacement: 'cbor-x/index-no-eval' }],
  },
  build: {
    outDir: `${repositoryRoot}dist/console`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // One small app: a single chunk per entry keeps the first paint to two requests.
    chunkSizeWarningLimit: 800,
  },
  server: {
    host: '127.0.0.1',
    // `npx vite --config apps/console/vite.config.ts` during development, against `npm start` on port 3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
    fs: { allow: [repositoryRoot] },
  },
});

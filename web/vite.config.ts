// Vite builds the web app into web/dist, which the Fastify server serves at /. In development
// `npx vite web` proxies /api to a running `npm start` (port 3000).
import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// pdf.js needs its character maps (Chinese PDFs use CID fonts) and standard fonts as files of
// the app itself: nothing is fetched from outside at run time.
function pdfjsAssets(): Plugin {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return {
    name: 'gongkai-pdfjs-assets',
    apply: 'build',
    writeBundle(options) {
      for (const dir of ['cmaps', 'standard_fonts']) cpSync(join(root, dir), join(options.dir ?? 'dist', 'pdfjs', dir), { recursive: true });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), pdfjsAssets()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/pdfjs-dist')) return 'pdfjs';
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          return undefined;
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});

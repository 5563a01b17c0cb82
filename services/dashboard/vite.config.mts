import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `rebate serve` serves dist/ at `/`; in `vite dev`, API calls go to a running service.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  server: {
    proxy: {
      '/v1': process.env['REBATE_API'] ?? 'http://127.0.0.1:8080',
      '/readyz': process.env['REBATE_API'] ?? 'http://127.0.0.1:8080',
    },
  },
});

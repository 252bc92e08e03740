// electron-vite: main (ESM, Node deps external), preload (ONE CommonJS file with every import
// bundled — required by sandbox: true) and renderer (studio page + compute page).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;
const at = (rel: string) => resolve(root, rel);

/** Main-process entries: the app, and the engine worker thread when its source exists. */
const mainInput: Record<string, string> = { index: at('src/main/index.ts') };
if (existsSync(at('src/main/engine-host/worker-entry.ts'))) {
  // Emitted as out/main/engine-worker.js (see src/main/engine-host/worker-entry-path.ts).
  mainInput['engine-worker'] = at('src/main/engine-host/worker-entry.ts');
}
if (existsSync(at('src/main/engine-host/kernel-worker.ts'))) {
  // Emitted as out/main/kernel-worker.js: the NodeKernelPool's threads (see node-kernel-pool.ts).
  mainInput['kernel-worker'] = at('src/main/engine-host/kernel-worker.ts');
}

/** Native or heavy packages that must load from node_modules at run time, never bundled. */
const NODE_EXTERNALS = [
  /^@tensorflow\//, /^sharp($|\/)/, /^@img\//, /^webgpu($|\/)/, /^ws($|\/)/, /^zod($|\/)/,
  /^@gltf-transform\//, /^meshoptimizer($|\/)/, /^gltf-validator($|\/)/, /^tsx($|\/)/,
];

const rendererInput: Record<string, string> = {};
if (existsSync(at('src/renderer/index.html'))) rendererInput.index = at('src/renderer/index.html');
else console.warn('electron.vite.config: src/renderer/index.html is missing; building the compute page only');
rendererInput.compute = at('src/renderer/compute.html');

export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      externalizeDeps: true,
      rolldownOptions: { input: mainInput, external: NODE_EXTERNALS },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // Sandboxed preloads cannot require() npm packages: bundle everything except electron.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: at('src/renderer'),
    base: './',
    plugins: [react()],
    worker: { format: 'es' },
    build: {
      outDir: at('out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
      rolldownOptions: { input: rendererInput },
    },
  },
});

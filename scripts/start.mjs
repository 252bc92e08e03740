#!/usr/bin/env node
// `npm start`: build when out/ is missing or older than the sources, then launch the desktop
// app if an Electron binary is available; otherwise say why in one line and start web mode
// (`node bin/parallax.mjs serve`, which prints the URL to open).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/compute.html'];
const INPUTS = ['src', 'electron.vite.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why a build is needed, or null when out/ is complete and newer than every source. */
export function buildReason(root = ROOT) {
  const missing = OUTPUTS.filter((rel) => !existsSync(join(root, rel)));
  if (missing.length > 0) return `missing ${missing.join(', ')}`;
  const built = Math.min(...OUTPUTS.map((rel) => statSync(join(root, rel)).mtimeMs));
  const changed = INPUTS.find((rel) => newestMtime(join(root, rel)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

export function ensureBuilt(root = ROOT, log = console.log) {
  const reason = buildReason(root);
  if (!reason) return;
  log(`parallax: building (${reason})...`);
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`electron-vite build failed (exit ${result.status})`);
}

/** Path of the Electron binary, or the reason there is none. */
export function findElectron(root = ROOT) {
  const pkgDir = join(root, 'node_modules', 'electron');
  if (!existsSync(pkgDir)) return { reason: 'the electron package is not installed' };
  if (!existsSync(join(pkgDir, 'path.txt'))) {
    return { reason: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)' };
  }
  try {
    const path = createRequire(join(root, 'package.json'))('electron');
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { reason: `the electron package points at ${String(path)}, which does not exist` };
  } catch (error) {
    const first = String(error instanceof Error ? error.message : error).split('\n')[0];
    return { reason: `the Electron binary is not installed (${first})` };
  }
}

function run(command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main() {
  const args = process.argv.slice(2);
  try {
    ensureBuilt();
  } catch (error) {
    console.error(`parallax: ${error.message}`);
    process.exit(1);
  }
  const electron = findElectron();
  if (electron.path) {
    run(electron.path, [ROOT, ...args]);
    return;
  }
  console.log(`parallax: the desktop app cannot start here: ${electron.reason}; starting web mode instead.`);
  run(process.execPath, [join(ROOT, 'bin/parallax.mjs'), 'serve', ...args]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();

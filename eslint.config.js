// ESLint flat config. Besides typescript-eslint's recommended rules it enforces the
// layering in shared/DESIGN.md: shared <- engine <- main; shared <- preload, renderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs', 'fs/promises', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http',
  'https', 'net', 'url', 'stream', 'zlib', 'module', 'process', 'util', 'events', 'buffer',
];
const nodeModulePatterns = [
  { group: ['node:*'], message: 'Node built-ins are for src/main only (DESIGN.md layering).' },
];
const pathsOf = (...layers) =>
  layers.map((layer) => ({
    group: [`**/${layer}`, `**/${layer}/**`],
    message: `This layer may not import from src/${layer} (DESIGN.md layering).`,
  }));
const DOM_GLOBALS = ['window', 'document', 'HTMLElement', 'HTMLCanvasElement', 'localStorage', 'Image'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'resources/**', '.tmp/**', '.tmp-*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Plain Node scripts (launchers, CI helpers).
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly',
        clearTimeout: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly',
      },
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', ...NODE_BUILTINS],
        patterns: [...nodeModulePatterns, ...pathsOf('engine', 'main', 'preload', 'renderer', 'cli')],
      }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'sharp', 'react', 'react-dom', 'ws', ...NODE_BUILTINS],
        patterns: [...nodeModulePatterns, ...pathsOf('main', 'preload', 'renderer', 'cli')],
      }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    // Engine tests may set up backends and fixtures with Node; the engine code itself may not.
    files: ['src/engine/**/*.test.ts', 'src/engine/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron'],
        patterns: pathsOf('preload', 'renderer', 'cli'),
      }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'sharp', 'ws', ...NODE_BUILTINS],
        patterns: [...nodeModulePatterns, ...pathsOf('engine', 'main', 'preload', 'cli')],
      }],
    },
  },
  {
    // The compute page is an engine host (like src/main/engine-host): it may run engine code.
    files: ['src/renderer/compute/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'sharp', 'ws', ...NODE_BUILTINS],
        patterns: [...nodeModulePatterns, ...pathsOf('main', 'preload', 'cli')],
      }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['sharp', 'ws', ...NODE_BUILTINS],
        patterns: [...nodeModulePatterns, ...pathsOf('engine', 'main', 'renderer', 'cli')],
      }],
    },
  },
);

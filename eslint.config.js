// Lint, and the layering rules of DESIGN.md as lint rules, so they hold:
// - only main/app/, preload/ and native/electron-* touch Electron;
// - the renderer imports only types from main (plain data in main/api/channels.ts,
//   main/containers/run-defaults.ts and main/engines/address.ts, and the pure rule
//   in main/stats/memory-limit.ts, excepted);
// - domain code under main/ does not reach into the Electron app or the server;
// - tests are the only code that may import test/.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electron = { name: 'electron', message: 'Only main/app/, preload/ and native/electron-* may import Electron (DESIGN.md: layering).' };
const intoTests = { group: ['**/test/**'], message: 'Product code never imports test code.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', '.test-env/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['main/**/*.ts', 'native/**/*.ts'],
    ignores: ['main/app/**', 'native/electron-*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            intoTests,
            { group: ['**/app/**', '../app', './app'], message: 'Domain code does not depend on the Electron app (DESIGN.md: layering).' },
            { group: ['**/renderer/**'], message: 'Main does not import the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/app/**/*.ts', 'preload/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [intoTests, { group: ['**/renderer/**'], message: 'Main does not import the renderer.' }] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electron, ...builtinModules.map((name) => ({ name, message: 'No Node in the renderer.' }))],
          patterns: [
            intoTests,
            {
              regex: '(^|/)(main|native|preload)/(?!api/channels$|containers/run-defaults$|engines/address$|stats/memory-limit$)',
              allowTypeImports: true,
              message: 'The renderer imports only types from main (DESIGN.md: layering); runtime code reaches main through the API.',
            },
            { group: ['node:*'], message: 'No Node in the renderer.' },
          ],
        },
      ],
    },
  },
);

import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.vscode-test-web/**', 'test/integration/suites.generated.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The core runs in a web worker and in Node: no vscode, no Node built-ins.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['vscode', 'node:*', 'fs', 'path', 'os', 'child_process', 'crypto'] }],
    },
  },
  {
    // Test builders are bundled into the integration suites' web-worker build too: no Node
    // built-ins (`assert` resolves to the npm package there).
    files: ['test/builders/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util'] }],
    },
  },
  {
    // Each src/core folder's index.ts is its public surface: the glue and the CLI import the
    // folder, never a module inside it. (Inside src/core, modules import each other directly so
    // that no import cycle runs through an index; tests may test a module directly.)
    files: ['src/features/**/*.ts', 'src/cli/**/*.ts', 'src/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/core/*/*'], message: 'Import the src/core folder (its index.ts), not a module inside it.' }] }],
    },
  },
  {
    // The surfaces that load the YAML parser or markdown-it are loaded on first use, through
    // src/features/lazyCore.ts; anywhere else in the extension a value import of them would
    // evaluate the library at activation (types are fine: they load nothing).
    files: ['src/features/**/*.ts', 'src/extension.ts'],
    ignores: ['src/features/lazyCore.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/core/*/*'], message: 'Import the src/core folder (its index.ts), not a module inside it.' },
            { group: ['**/core/digestFile', '**/core/import', '**/core/view'], allowTypeImports: true, message: 'Loaded on first use: call it through ./lazyCore (a type import is fine).' },
            { group: ['yaml', 'markdown-it'], allowTypeImports: true, message: 'Loaded on first use, through ./lazyCore.' },
          ],
        },
      ],
    },
  },
  {
    // Commands are registered in one place (src/features/commands.ts, ids from src/core/commands).
    files: ['src/**/*.ts'],
    ignores: ['src/features/commands.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.property.name='commands'][property.name=/^register(TextEditor)?Command$/]", message: 'Register commands through deps.commands (src/features/commands.ts).' },
      ],
    },
  },
  // Regex safety checked statically: the core reads untrusted text (open files, corpus, exports),
  // so a regex that can backtrack super-linearly is an error, not a slow test.
  // Style rules of the plugin are left off; these are the ones about what a regex does.
  {
    files: ['src/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-dupe-disjunctions': 'error',
      'regexp/no-empty-alternative': 'error',
      'regexp/no-useless-backreference': 'error',
      'regexp/no-misleading-capturing-group': 'error',
      'regexp/no-potentially-useless-backreference': 'error',
      'regexp/optimal-quantifier-concatenation': 'error',
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);

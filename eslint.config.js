import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '**/__fixtures__/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // console belongs to the command line only; everything else logs through pino.
      'no-console': 'error',
    },
  },
  { files: ['src/cli/**', 'src/bench/**'], rules: { 'no-console': 'off' } },
);

import { describe, expect, test } from 'vitest';
import { InputError, printableMessage } from './errors.js';

describe('error messages', () => {
  test.each([
    ['plain text', 'lockfile is truncated', 'lockfile is truncated'],
    ['a quoted newline', 'bad "a\nb" here', 'bad "a\\nb" here'],
    [
      'binary bytes',
      '"\u007fELF\u0002\u0001" is not valid JSON',
      '"\\x7fELF\\x02\\x01" is not valid JSON',
    ],
    ['an escape sequence', 'x\u001b[31my', 'x\\x1b[31my'],
    ['non-ASCII text', 'paquet « ünï » 📦', 'paquet « ünï » 📦'],
  ])('keep %s on one printable line', (_, message, expected) => {
    expect(printableMessage(message)).toBe(expected);
  });

  test('cut a message quoting a huge input', () => {
    const error = new InputError('ERR_X', `bad ${'a'.repeat(5_000)}`);

    expect(error.message.length).toBeLessThan(1_100);
    expect(error.message.endsWith('...')).toBe(true);
  });
});

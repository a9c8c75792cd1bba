import { describe, expect, it } from 'vitest';
import { parseGemfile, scopeOfGroups } from './gemfile.js';

describe('parseGemfile', () => {
  it.each([
    ["gem 'rails'", 'rails', '', []],
    ["gem 'rails', '~> 7.1', '>= 7.1.2'", 'rails', '~> 7.1, >= 7.1.2', []],
    ['gem "rspec", group: :test', 'rspec', '', ['test']],
    [
      "gem 'x', '1.0', groups: [:development, :test]",
      'x',
      '1.0',
      ['development', 'test'],
    ],
    ["gem 'y', :group => :development # note", 'y', '', ['development']],
    ["gem('z', '2.0')", 'z', '2.0', []],
  ])('%s', (line, name, requirement, groups) => {
    const [entry] = parseGemfile(line);

    expect(entry).toMatchObject({ name, requirement, groups });
  });

  it('follows nested blocks and conditionals', () => {
    const text = [
      'group :development, :test do',
      '  platforms :mri do',
      "    gem 'a'",
      '  end',
      "  if RUBY_VERSION > '3'",
      "    gem 'b'",
      '  end',
      "  gem 'c'",
      'end',
      "gem 'd'",
    ].join('\n');

    const entries = parseGemfile(text);

    expect(entries.map((e) => [e.name, e.groups, e.line])).toEqual([
      ['a', ['development', 'test'], 3],
      ['b', ['development', 'test'], 6],
      ['c', ['development', 'test'], 8],
      ['d', [], 10],
    ]);
  });

  it.each([
    [[], 'prod'],
    [['test'], 'test'],
    [['development'], 'dev'],
    [['development', 'test'], 'dev'],
    [['production'], 'prod'],
    [['test', 'assets'], 'prod'],
  ])('groups %j give %s', (groups, scope) => {
    expect(scopeOfGroups(groups)).toBe(scope);
  });
});

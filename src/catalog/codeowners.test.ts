import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, repositoryAt } from '../test-support/shared.js';
import {
  compileCodeownersPattern,
  normalizeCodeowner,
  ownerFor,
  parseCodeowners,
  readCodeowners,
} from './codeowners.js';

describe('compileCodeownersPattern', () => {
  it.each([
    ['*', 'a/b/c.json', true],
    ['*.js', 'src/deep/x.js', true],
    ['*.js', 'src/x.ts', false],
    ['/build/logs/', 'build/logs/x.txt', true],
    ['/build/logs/', 'build/logs', false],
    ['/build/logs/', 'a/build/logs/x.txt', false],
    ['apps/', 'x/apps/y.json', true],
    ['apps/', 'apps', false],
    ['docs/*', 'docs/intro.md', true],
    ['docs/*', 'docs/build/app.md', false],
    ['docs', 'a/docs/b/c.md', true],
    ['/docs', 'a/docs/b/c.md', false],
    ['pkg/fanal/', 'pkg/fanal/x/y.go', true],
    ['pkg/fanal/', 'a/pkg/fanal/x.go', false],
    ['**/logs', 'deep/down/logs/x', true],
    ['**/logs', 'logs/x', true],
    ['/src/Sql/**', 'src/Sql/a/b.sql', true],
    ['src/**/x.yml', 'src/x.yml', true],
    ['src/**/x.yml', 'src/a/b/x.yml', true],
    ['www/**/*', 'www/package.json', true],
    ['**/*billing*', 'src/Core/billing/x.cs', true],
    ['**/*billing*', 'src/Core/Billing/x.cs', false],
    ['a?c.txt', 'abc.txt', true],
    ['a?c.txt', 'a/c.txt', false],
    ['file.name', 'fileXname', false],
    ['\\#hash', '#hash', false],
  ])('%s matches %s: %s', (pattern, file, expected) => {
    const matcher = compileCodeownersPattern(pattern);

    expect(matcher.test(file)).toBe(expected);
  });
});

describe('parseCodeowners', () => {
  it('keeps the last matching rule, un-owns with an empty rule, reads escapes and comments', () => {
    const text = [
      '# comment',
      '*            @acme/platform',
      'services/    @acme/services  # inline comment',
      'services/legacy/',
      '\\#weird     jane@example.com',
      'x            not-an-owner',
    ].join('\n');

    const codeowners = parseCodeowners(text, 'CODEOWNERS');

    expect(ownerFor(codeowners, 'package.json')).toEqual([
      'group:default/platform',
    ]);
    expect(ownerFor(codeowners, 'services/api/pom.xml')).toEqual([
      'group:default/services',
    ]);
    expect(ownerFor(codeowners, 'services/legacy/pom.xml')).toEqual([]);
    expect(ownerFor(codeowners, '#weird')).toEqual([
      'user:default/jane@example.com',
    ]);
    expect(codeowners.warnings).toEqual([
      expect.objectContaining({ line: 6, code: 'ERR_CODEOWNERS_OWNER' }),
    ]);
  });

  it('ignores a rule with wildcards enough to make matching slow', () => {
    const hostile = `${'*a'.repeat(20)}b @acme/x\n${'**/'.repeat(6)}x @acme/y`;

    const codeowners = parseCodeowners(hostile, 'CODEOWNERS');

    expect(codeowners.rules).toEqual([]);
    expect(codeowners.warnings.map((w) => w.code)).toEqual([
      'ERR_CODEOWNERS_PATTERN',
      'ERR_CODEOWNERS_PATTERN',
    ]);
  });

  it.each([
    ['@org/team-a', 'group:default/team-a'],
    ['@jdoe', 'user:default/jdoe'],
    ['jdoe@example.com', 'user:default/jdoe@example.com'],
    ['jdoe', undefined],
  ])('normalises owner %s', (owner, expected) => {
    expect(normalizeCodeowner(owner)).toBe(expected);
  });
});

// The 10 real CODEOWNERS files of the corpus. Expected owners were worked
// out by hand from each file; rule counts come from a line filter.
const REAL: Array<[string, string, string[]]> = [
  ['guac', 'pkg/assembler/graphql/schema.go', ['user:default/mihaimaruseac']],
  ['guac', 'cmd/guacone/main.go', ['user:default/jeffmendoza']],
  ['guac', 'go.mod', []],
  ['cdxgen', 'lib/package.json', ['user:default/prabhu']],
  [
    'snyk-cli',
    'package.json',
    ['group:default/cli', 'group:default/productinfra_cli'],
  ],
  ['npm-cli', 'workspaces/arborist/package.json', ['group:default/cli-team']],
  ['trivy', 'pkg/fanal/analyzer/config/x.go', ['user:default/nikpivkin']],
  [
    'trivy',
    'pkg/fanal/x.go',
    ['user:default/knqyf263', 'user:default/DmitriyLewen'],
  ],
  ['trivy', 'helm/trivy/Chart.yaml', ['group:default/trivy']],
  ['trivy', 'helm/trivy/values.yaml', ['user:default/afdesk']],
  [
    'bitwarden-server',
    'src/Core/Billing/Services/StripeAdapter.cs',
    ['group:default/team-billing-dev'],
  ],
  ['bitwarden-server', 'src/Api/packages.lock.json', []],
  [
    'bitwarden-server',
    'src/Sql/dbo/Pam/Tables/x.sql',
    ['group:default/dept-dbops'],
  ],
  [
    'bitwarden-server',
    'util/Migrator/Program.cs',
    ['group:default/team-platform-dev'],
  ],
  ['bitwarden-server', 'src/Core/Platform/Push/PushType.cs', []],
  ['bitwarden-server', 'src/Core/MailTemplates/Mjml/.mjmlconfig', []],
  [
    'bitwarden-server',
    'src/Api/Vault/AuthorizationHandlers/X.cs',
    ['group:default/team-vault-dev', 'group:default/team-admin-console-dev'],
  ],
  ['trpc', 'www/docs/intro.md', ['group:default/trpc-website-docs']],
  ['trpc', 'packages/server/package.json', ['group:default/trpc-core']],
  ['rails', '.rubocop.yml', ['user:default/rafaelfranca']],
  ['rails', 'Gemfile', []],
  ['adyen-android', 'card/build.gradle', ['group:default/checkout-android']],
  [
    'dependabot-core',
    'nuget/helpers/lib/x.csproj',
    ['group:default/azure-dev-ops'],
  ],
  ['dependabot-core', 'bundler/Gemfile', ['group:default/maintainers']],
];

describe('real CODEOWNERS files', () => {
  it.each(REAL)('%s: %s', async (folder, file, expected) => {
    const codeowners = await readCodeowners(
      repositoryAt(path.join(CORPUS_DIR, folder)),
    );

    expect(codeowners && ownerFor(codeowners, file)).toEqual(expected);
  });

  it.each([...new Set(REAL.map(([folder]) => folder))])(
    '%s: one rule per non-comment line',
    async (folder) => {
      const codeowners = await readCodeowners(
        repositoryAt(path.join(CORPUS_DIR, folder)),
      );
      const text = readFileSync(
        path.join(CORPUS_DIR, folder, codeowners!.file),
        'utf8',
      );
      const expected = text
        .split('\n')
        .filter((l) => !/^\s*(?:#|$)/.test(l)).length;

      expect(codeowners?.rules).toHaveLength(expected);
      expect(codeowners?.warnings).toEqual([]);
    },
  );
});

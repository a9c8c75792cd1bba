import { describe, expect, it } from 'vitest';
import type { EcosystemName } from '../core/model.js';
import { detectTechStack, frameworkOf } from './stack.js';

function stack(
  consumedFiles: string[],
  directPackages: Array<{ ecosystem: EcosystemName; name: string }> = [],
  repositoryFiles: string[] = [],
  ecosystems: EcosystemName[] = [],
) {
  return detectTechStack({
    consumedFiles,
    ecosystems,
    directPackages,
    repositoryFiles,
    servicePath: 'svc',
  });
}

describe('detectTechStack', () => {
  it.each([
    [['package-lock.json', 'svc/package.json'], ['JavaScript'], ['npm']],
    [['yarn.lock'], ['JavaScript'], ['yarn']],
    [['pnpm-lock.yaml'], ['JavaScript'], ['pnpm']],
    [['svc/pom.xml', 'svc/core/pom.xml'], ['Java'], ['maven']],
    [['svc/build.gradle.kts'], ['Java', 'Kotlin'], ['gradle']],
    [['svc/go.mod', 'svc/go.sum'], ['Go'], ['go']],
    [['Cargo.lock'], ['Rust'], ['cargo']],
    [['svc/Gemfile', 'svc/Gemfile.lock'], ['Ruby'], ['bundler']],
    [['svc/App/App.csproj', 'svc/App/packages.lock.json'], ['C#'], ['nuget']],
    [['composer.lock'], ['PHP'], ['composer']],
    [['svc/requirements-dev.txt'], ['Python'], ['pip']],
    [['poetry.lock', 'pyproject.toml'], ['Python'], ['pip', 'poetry']],
    [['Pipfile.lock'], ['Python'], ['pipenv']],
    [['uv.lock'], ['Python'], ['uv']],
  ])('%j → %j, %j', (files, languages, packageManagers) => {
    const result = stack(files);

    expect(result.languages).toEqual(languages);
    expect(result.packageManagers).toEqual(packageManagers);
  });

  it('falls back to the ecosystems when no file name speaks (an SBOM)', () => {
    const result = stack(['bom.json'], [], [], ['Maven', 'npm']);

    expect(result.languages).toEqual(['Java', 'JavaScript']);
    expect(result.packageManagers).toEqual([]);
  });

  it.each([
    [['svc/tsconfig.json'], true],
    [['svc/web/tsconfig.build.json'], true],
    [['other/tsconfig.json'], false],
  ])('TypeScript from %j: %s', (repositoryFiles, expected) => {
    const result = stack(['package-lock.json'], [], repositoryFiles);

    expect(result.languages.includes('TypeScript')).toBe(expected);
  });
});

describe('frameworkOf', () => {
  it.each([
    ['npm', 'react', 'react'],
    ['npm', '@angular/core', 'angular'],
    ['npm', '@nestjs/core', 'nestjs'],
    ['npm', 'lodash', undefined],
    [
      'Maven',
      'org.springframework.boot:spring-boot-starter-web',
      'spring-boot',
    ],
    ['Maven', 'io.quarkus:quarkus-core', 'quarkus'],
    ['PyPI', 'django', 'django'],
    ['RubyGems', 'rails', 'rails'],
    ['Packagist', 'laravel/framework', 'laravel'],
    ['Go', 'github.com/gin-gonic/gin', 'gin'],
    ['Go', 'github.com/labstack/echo/v4', 'echo'],
    ['crates.io', 'actix-web', 'actix-web'],
    ['NuGet', 'Microsoft.AspNetCore.App', 'aspnetcore'],
  ] as const)('%s %s → %s', (ecosystem, name, expected) => {
    expect(frameworkOf(ecosystem, name)).toBe(expected);
  });
});

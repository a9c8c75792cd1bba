import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { parsePom } from './pom.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function fixture(name: string): string {
  return readFileSync(path.join(here, '__fixtures__', name), 'utf8');
}

const FULL = `<?xml version="1.0"?>
<project>
  <parent>
    <groupId>org.example</groupId>
    <artifactId>parent</artifactId>
    <version>2</version>
    <relativePath/>
  </parent>
  <artifactId>app</artifactId>
  <packaging>pom</packaging>
  <properties><lib.version>1.2</lib.version><__proto__>x</__proto__></properties>
  <modules><module>a</module><module>b</module></modules>
  <dependencyManagement><dependencies><dependency>
    <groupId>org.example</groupId><artifactId>bom</artifactId>
    <version>3</version><type>pom</type><scope>import</scope>
  </dependency></dependencies></dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>org.example</groupId><artifactId>lib</artifactId>
      <version>\${lib.version}</version><classifier>tests</classifier>
      <optional>true</optional>
      <exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions>
    </dependency>
    <dependency><artifactId>no-group</artifactId></dependency>
  </dependencies>
  <profiles>
    <profile><id>on</id><activation><activeByDefault>true</activeByDefault></activation>
      <modules><module>c</module></modules></profile>
    <profile><id>off</id></profile>
  </profiles>
  <repositories><repository><id>r</id><url>http://127.0.0.1/r</url></repository></repositories>
</project>`;

describe('parsePom', () => {
  it('reads coordinates, parent, properties, dependencies and profiles', () => {
    const pom = parsePom(FULL, 'pom.xml');

    expect(pom.artifactId).toBe('app');
    expect(pom.groupId).toBeUndefined();
    expect(pom.parent).toEqual({
      groupId: 'org.example',
      artifactId: 'parent',
      version: '2',
      relativePath: '',
    });
    expect(pom.properties.get('lib.version')).toBe('1.2');
    expect(pom.modules).toEqual(['a', 'b']);
    expect(pom.dependencyManagement[0]).toMatchObject({
      artifactId: 'bom',
      scope: 'import',
      type: 'pom',
    });
    expect(pom.dependencies).toEqual([
      {
        groupId: 'org.example',
        artifactId: 'lib',
        version: '${lib.version}',
        classifier: 'tests',
        optional: 'true',
        exclusions: [{ groupId: '*', artifactId: '*' }],
        type: undefined,
        scope: undefined,
        // Hand count: the lib artifactId sits on line 19 of FULL.
        file: 'pom.xml',
        line: 19,
      },
    ]);
    expect(pom.profiles.map((p) => [p.id, p.activeByDefault])).toEqual([
      ['on', true],
      ['off', false],
    ]);
    expect(pom.repositories).toEqual([{ id: 'r', url: 'http://127.0.0.1/r' }]);
  });

  it.each([
    ['billion-laughs.pom.xml', 'ERR_POM_DOCTYPE', 2],
    ['truncated.pom.xml', 'ERR_POM_SYNTAX', undefined],
  ])('refuses %s with %s', (name, code, line) => {
    const text = fixture(name);

    const attempt = (): unknown => parsePom(text, name);

    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(expect.objectContaining({ code, file: name }));
    if (line) expect(attempt).toThrow(expect.objectContaining({ line }));
  });

  it.each([
    ['<notproject/>', 'ERR_POM_NOT_A_PROJECT'],
    ['<project>'.padEnd(5_000_000, ' '), 'ERR_POM_TOO_LARGE'],
  ])('refuses other input (%#)', (text, code) => {
    const attempt = (): unknown => parsePom(text, 'x.xml');

    expect(attempt).toThrow(expect.objectContaining({ code }));
  });
});

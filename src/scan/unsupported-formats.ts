/**
 * Lockfiles of ecosystems Quartermaster does not read yet. A service that
 * has one is reported as "not supported yet", never as a failed scan.
 */
const UNSUPPORTED: Record<string, string> = {
  'Podfile.lock': 'CocoaPods',
  'Package.resolved': 'Swift Package Manager',
  'pubspec.lock': 'Dart/Flutter pub',
  'mix.lock': 'Elixir Hex',
  'conan.lock': 'Conan',
  'vcpkg.json': 'vcpkg',
  'renv.lock': 'R renv',
  'stack.yaml.lock': 'Haskell Stack',
  'cabal.project.freeze': 'Haskell Cabal',
  'rebar.lock': 'Erlang rebar3',
  'deps.edn': 'Clojure deps',
  'project.clj': 'Leiningen',
  'build.sbt': 'sbt',
  'bun.lockb': 'Bun (binary lockfile)',
  'bun.lock': 'Bun',
  'deno.lock': 'Deno',
  'flake.lock': 'Nix flakes',
};

/** The name of the unsupported format of this file, if it is one. */
export function unsupportedFormatOf(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return Object.hasOwn(UNSUPPORTED, name) ? UNSUPPORTED[name] : undefined;
}

/**
 * Composer platform packages: the PHP runtime, its extensions and libraries,
 * and Composer's own APIs. They are not installed from a registry.
 */
export function isPlatformPackage(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower === 'php' ||
    lower.startsWith('php-') ||
    lower.startsWith('ext-') ||
    lower.startsWith('lib-') ||
    lower === 'hhvm' ||
    lower === 'composer' ||
    lower === 'composer-plugin-api' ||
    lower === 'composer-runtime-api'
  );
}

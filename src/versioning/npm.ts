import { semverVersioning } from './semver-based.js';

/** npm: SemVer 2 (node-semver), `1.0` read as `1.0.0`. */
export const npmVersioning = semverVersioning('npm');

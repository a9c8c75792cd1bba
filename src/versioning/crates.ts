import { semverVersioning } from './semver-based.js';

/** crates.io: Cargo follows SemVer 2; build metadata does not order. */
export const cratesVersioning = semverVersioning('crates.io');

import type { Ecosystem } from '../types.js';
import { cargoLockExtractor } from './cargo-lock.js';
import { cargoTomlExtractor } from './cargo-toml.js';

export const cargo = {
  name: 'crates.io',
  extractors: [cargoLockExtractor, cargoTomlExtractor],
} satisfies Ecosystem;

// The generator lives in the domain (the audit sample draws with it too); the seeder keeps this name.
export { seededRandom, type Random } from '../domain/random.ts';

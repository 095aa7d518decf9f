export { startEmulator, maskSecrets, DEFAULT_RATE_LIMITS } from './server';
export type { Emulator, EmulatorOptions, Fault, FaultKind, LoggedRequest } from './server';
export { defaultSeed, TEST_CARDS, TOKENS } from './seed';
export type { Seed } from './seed';

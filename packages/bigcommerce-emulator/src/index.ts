export { startEmulator, maskSecrets, DEFAULT_RATE_LIMITS } from './server';
export type {
	Emulator,
	EmulatorOptions,
	Fault,
	FaultKind,
	LoggedRequest,
	PaymentOverlap,
	StoreEvent,
	StoreEventListener,
	Settings,
} from './server';
export { StoreEvents } from './events';
export type { DeliveryRecord, DeliveryAttempt, WebhookOptions } from './webhooks';
export { defaultSeed, TEST_CARDS, TOKENS } from './seed';
export type { Seed } from './seed';

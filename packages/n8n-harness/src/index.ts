export * from './engine';
export * from './credentialTest';
export * from './trigger';
export * from './receiver';
export * from './shipped';
export * from './tools';

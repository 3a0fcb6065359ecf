// Replaces runtime.ts in the Web build (see tsup.config.ts).
export { webCrypto as runtimeCrypto } from './web.js';

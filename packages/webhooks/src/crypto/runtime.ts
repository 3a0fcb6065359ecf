// The crypto backend of this build. The Node build (package.json `exports` condition `node`, which
// Node, Deno and Bun match) keeps node:crypto; the Web build swaps this module for runtime-web.ts
// at bundle time (see tsup.config.ts), so it never imports a `node:` module.
export { nodeCrypto as runtimeCrypto } from './node.js';

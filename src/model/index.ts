export * from './document.js';
export * from './span.js';
export * from './flag.js';
export * from './offsetMap.js';
export * from './errors.js';

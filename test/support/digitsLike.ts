/** The digits-like CSV generator lives with the benchmark, which uses it too: bench/support/digitsLike.ts. */
export * from '../../bench/support/digitsLike.js';

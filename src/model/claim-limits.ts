/** Bounds every adapter shares: one sentence (or a short paragraph) per check, a bounded number of claims. Kept free of zod so the CLI starts fast. */
export const MAX_SENTENCE_CHARS = 1000;
export const MAX_CLAIMS = 25;

/** The Hague review of the trajectory (The Hague Summit Declaration, 2025). Kept free of schemas so the CLI starts without zod. */
export const REVIEW_YEAR = 2029;

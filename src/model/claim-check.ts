import { z } from "zod";
import { MAX_SENTENCE_CHARS } from "./claim-limits.ts";

export { MAX_CLAIMS, MAX_SENTENCE_CHARS } from "./claim-limits.ts";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

/** A request to check a sentence: the API's body, the CLI's flags and the dashboard's URL carry the same fields. */
export const ClaimCheckRequestSchema = z.object({
  sentence: z.string().trim().min(1, "the sentence is empty").max(MAX_SENTENCE_CHARS, `at most ${MAX_SENTENCE_CHARS} characters`),
  published: IsoDate.optional().describe("publication date of the sentence; resolves 'this year' and 'last year'"),
  year: z.number().int().min(1949).max(2100).optional().describe("the year to check when the sentence states none"),
  vintage: z.string().max(40).optional().describe("check against this vintage only (default: every vintage that has the figure)"),
});
export type ClaimCheckRequest = z.infer<typeof ClaimCheckRequestSchema>;

export const VerdictSchema = z.enum(["consistent", "close", "inconsistent", "not_checkable"]);
export type Verdict = z.infer<typeof VerdictSchema>;

export const ClaimKindSchema = z.enum([
  "share_of_gdp",
  "spending",
  "share_of_alliance_spending",
  "share_of_alliance_gdp",
  "count_at_threshold",
  "rank",
  "change",
  "ratio_to_russia",
]);
export type ClaimKind = z.infer<typeof ClaimKindSchema>;

export const VintageVerdictSchema = z.object({
  vintage: z.string(),
  label: z.string(),
  published: z.string(),
  /** The newest release of this series published on or before the sentence's date: what the writer could have used. */
  currentAtPublication: z.boolean(),
  value: z.number().nullable(),
  /** The value as people read it, with its unit ("$1,474,399 m", "4.12% of GDP", "23 of 32 allies"). */
  shown: z.string().nullable(),
  verdict: VerdictSchema,
  why: z.string(),
  caveats: z.array(z.string()),
  sourceId: z.string(),
  sourceTitle: z.string(),
  sourceUrl: z.string(),
});
export type VintageVerdict = z.infer<typeof VintageVerdictSchema>;

export const CheckedClaimSchema = z.object({
  kind: ClaimKindSchema,
  /** The words of the sentence the claim was read from. */
  text: z.string(),
  /** What was understood, in plain words ("Poland's defence spending, share of GDP, 2024: about 4.12%"). */
  reading: z.string(),
  subject: z.string().nullable(),
  year: z.number().int().nullable(),
  yearFrom: z.enum(["stated", "publication_relative", "asked", "publication_year", "none"]),
  results: z.array(VintageVerdictSchema),
});
export type CheckedClaim = z.infer<typeof CheckedClaimSchema>;

export const ClaimCheckResultSchema = z.object({
  sentence: z.string(),
  published: z.string().nullable(),
  claims: z.array(CheckedClaimSchema),
  /** Figures the parser saw but could not read as a claim, each with the reason: reported, never guessed. */
  unparsed: z.array(z.object({ text: z.string(), reason: z.string() })),
});
export type ClaimCheckResult = z.infer<typeof ClaimCheckResultSchema>;

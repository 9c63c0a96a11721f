import { createRoute } from "@hono/zod-openapi";
import { checkSentence } from "../../core/claims/check-claims.ts";
import { ClaimCheckRequestSchema, ClaimCheckResultSchema, MAX_CLAIMS, MAX_SENTENCE_CHARS } from "../../model/claim-check.ts";
import { type Api, ERRORS, jsonAnswer, jsonBody } from "./route-kit.ts";

/** Checking a sentence's figures against every release: a pure computation over the loaded dataset. */
export function registerClaimRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: "post",
      path: "/claims/check",
      tags: ["Claims"],
      summary: "Check the figures of a sentence against every release: per claim and vintage, the value, its source and a verdict",
      description: `The sentence is read by a deterministic grammar (docs/claims.md): alliance totals, shares of GDP, the US share, counts of allies at a threshold, rankings, changes and multiples of Russia's. At most ${MAX_SENTENCE_CHARS} characters and ${MAX_CLAIMS} claims; figures the grammar cannot read are listed in \`unparsed\` with the reason. Verdicts: consistent (within the sentence's own rounding), close (within 10 %), inconsistent, not_checkable.`,
      request: { body: jsonBody(ClaimCheckRequestSchema) },
      responses: { 200: jsonAnswer("One verdict per claim and vintage", ClaimCheckResultSchema), ...ERRORS },
    }),
    (c) => {
      const { ds } = c.get("deps");
      const input = c.req.valid("json");
      // A parse and a few lookups per vintage: cheaper than a cache key, so no memo.
      return c.json(checkSentence(ds, input), 200);
    },
  );
}

import type { Source } from "./source.ts";

// A module of its own, importing the Source type only: the dashboard's first load must not pull in zod.
/** A source as an export cites it: who published what, where, when it was published and retrieved, and its terms of reuse. */
export const sourceCitation = (s: Source) => ({
  id: s.id,
  publisher: s.publisher,
  title: s.title,
  url: s.url,
  published: s.published,
  retrieved: s.retrieved,
  licence: s.licence,
  terms: s.terms,
});

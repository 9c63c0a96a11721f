import { z } from "zod";

/** A publication a number comes from. Every field is required: provenance is never optional. */
export const SourceSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  publisher: z.string().min(1),
  title: z.string().min(1),
  url: z.string(),
  published: z.string(),
  retrieved: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  licence: z.string().min(1),
  /** What a user may and may not do with the figures, and what credit they must give (DATA-LICENSES.md has the detail). */
  terms: z.string().min(1),
  storedCopy: z.string(),
  note: z.string(),
});
export type Source = z.infer<typeof SourceSchema>;

import { z } from "zod";

/** One release of one series. NATO revises earlier years in every release, so each is kept whole. */
export const VintageSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  series: z.enum(["nato", "sipri", "imf"]),
  sourceId: z.string(),
  label: z.string().min(1),
  file: z.string().min(1),
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** "secondary": figures quoted by the press, not the publisher's own table. */
  status: z.enum(["official", "secondary"]),
  /** Constant-price series of this vintage are in prices of this year; never mix bases. */
  priceBaseYear: z.number().int().nullable(),
  estimateYears: z.array(z.number().int()),
  rows: z.number().int().nonnegative(),
});
export type Vintage = z.infer<typeof VintageSchema>;
export type VintageId = string;

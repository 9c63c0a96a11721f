import { z } from "@hono/zod-openapi";
import type { PublishedColumn, PublishedTableSpec } from "../core/published-table/spec.ts";
import type { Table } from "./tabular.ts";

/** One column's JSON schema, with its unit, decimals and estimate flag in the description. */
function columnSchema(c: PublishedColumn): z.ZodType {
  const notes = [c.description];
  if (c.unit) notes.push(`unit: ${c.unit}`);
  if (c.decimals !== undefined) notes.push(`published to ${c.decimals} decimals`);
  if (c.estimateKey) notes.push(`estimate flag in \`${c.estimateKey}\``);
  const description = notes.join("; ");
  let schema: z.ZodType;
  switch (c.type) {
    case "year":
    case "integer":
      schema = z.number().int();
      break;
    case "number":
      schema = z.number();
      break;
    case "boolean":
      schema = z.boolean();
      break;
    default:
      schema = c.values ? z.enum(c.values as [string, ...string[]]) : z.string();
  }
  return schema.nullable().describe(description);
}

/** The JSON rows of a published table, derived from its spec for the OpenAPI document. */
export function rowSchema(spec: PublishedTableSpec) {
  return z.object(Object.fromEntries(spec.columns.map((c) => [c.key, columnSchema(c)]))).describe(spec.description);
}

/** An answer `{ [spec.name]: rows, …metadata }`. */
export const specAnswerSchema = (spec: PublishedTableSpec) => z.object({ [spec.name]: z.array(rowSchema(spec)) }).passthrough();

/** A table for the encoders (JSON, CSV, XLSX) from a spec and its published rows. */
export const specTable = (spec: PublishedTableSpec, rows: readonly object[]): Table => ({
  name: spec.name,
  columns: spec.columns.map((c) => c.key),
  rows,
});

import { z } from "zod";

/**
 * Classification of national budget lines against NATO's definition of defence expenditure and The
 * Hague's 1.5 % list. The schemas here are the rules file's format, the classifier's input and its
 * output, declared once for the loader, the API document and the dashboard.
 */

/** Where a category sits: NATO core defence, the Hague "up to 1.5 %" related spending, or outside both. */
export const CategoryGroupSchema = z.enum(["core", "related", "not_counted"]);
export type CategoryGroup = z.infer<typeof CategoryGroupSchema>;

const Id = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, "lower-case letters, digits, dot, dash or underscore");

/** A citation of the definition text a category or rule encodes. */
export const CitationSchema = z.object({
  /** The document, e.g. "../shared/docs/domain.md, What counts as NATO (core) defence expenditure". */
  source: z.string().min(3),
  /** The words of the definition that the rule encodes, quoted or closely paraphrased. */
  text: z.string().min(3),
});
export type Citation = z.infer<typeof CitationSchema>;

export const CategorySchema = z.object({
  id: Id,
  group: CategoryGroupSchema,
  name: z.string().min(1),
  citation: CitationSchema,
});
export type Category = z.infer<typeof CategorySchema>;

/**
 * What a rule looks at. Every field given must match (AND); within a field any value may match (OR).
 * Keywords: `word` matches a whole word or phrase, `word*` a word that starts with it, `*word*` any
 * part of a word (German compounds). Case and accents are ignored.
 */
export const ConditionsSchema = z
  .object({
    /** COFOG codes: "02" matches 02 and its groups 02.1–02.5; "02.2" matches only that group. */
    cofog: z
      .array(z.string().regex(/^\d{2}(\.\d)?$/, "a COFOG division or group such as 02 or 02.1"))
      .min(1)
      .optional(),
    /** Any part of the line's ministry (or budget owner), e.g. "defence". */
    ministry: z.array(z.string().min(2)).min(1).optional(),
    /** The line's chapter or vote, matched exactly (e.g. "1405", "Vote 5"). */
    chapter: z.array(z.string().min(1)).min(1).optional(),
    /** Keywords in the line's name or description, in English and in the budget's language. */
    keywords: z.array(z.string().min(2)).min(1).optional(),
    /** Tags the user put on the line. */
    tags: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();
export type Conditions = z.infer<typeof ConditionsSchema>;

export const RuleSchema = z
  .object({
    id: Id,
    category: Id,
    /** Higher wins. Rules of equal priority that match one line and disagree leave it for review. */
    priority: z.number().int().min(0).max(1000),
    /** Rules of the same priority that this one beats when both match (refused if they form a cycle). */
    overrides: z.array(Id).default([]),
    when: ConditionsSchema,
    /** A line does not match when any of these match (near misses the rule must not take). */
    unless: ConditionsSchema.optional(),
    /**
     * Other forces (gendarmerie, coast guard, border forces) count only in the part trained, equipped
     * and deployable as a military force: the line must state that share, or it is left for review.
     */
    proportional: z.boolean().default(false),
    explanation: z.string().min(10),
    citation: CitationSchema,
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;

export const RuleSetSchema = z
  .object({
    id: Id,
    version: z.string().min(1),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD"),
    description: z.string().min(1),
    categories: z.array(CategorySchema).min(1),
    rules: z.array(RuleSchema).min(1),
  })
  .strict();
export type RuleSet = z.infer<typeof RuleSetSchema>;

/** One line of a national budget, its amount in units of the budget's currency (not thousands). */
export const BudgetLineSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().default(""),
  amount: z.number().finite(),
  cofog: z.string().default(""),
  ministry: z.string().default(""),
  chapter: z.string().default(""),
  tags: z.array(z.string()).default([]),
  /** Share (0–1) of an "other forces" line trained, equipped and deployable as military; null when not stated. */
  militaryShare: z.number().min(0).max(1).nullable().default(null),
  /** The row of the source file, for messages. */
  row: z.number().int().positive(),
});
export type BudgetLine = z.infer<typeof BudgetLineSchema>;

/** A user's decision on one line, recorded in the output beside the rule's. */
export const OverrideSchema = z.object({
  lineId: z.string().min(1),
  category: Id,
  reason: z.string().min(3, "give the reason for the override"),
});
export type Override = z.infer<typeof OverrideSchema>;

export const NEEDS_REVIEW = "needs_review" as const;

export const ClassifiedLineSchema = z.object({
  id: z.string(),
  name: z.string(),
  amount: z.number(),
  /** The category that decided the line, or "needs_review". */
  category: z.string(),
  group: z.enum(["core", "related", "not_counted", NEEDS_REVIEW]),
  /** The part of the amount counted in `category` (all of it, or the military share of other forces). */
  countedAmount: z.number(),
  /** The rest, not counted (other forces' non-military share). */
  notCountedAmount: z.number(),
  ruleId: z.string().nullable(),
  explanation: z.string(),
  citation: z.string().nullable(),
  /** Rules that matched but lost, or tied, for the record. */
  alsoMatched: z.array(z.string()),
  override: z.object({ reason: z.string(), ruleCategory: z.string() }).nullable(),
});
export type ClassifiedLine = z.infer<typeof ClassifiedLineSchema>;

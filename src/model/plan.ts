import { z } from "zod";

const Iso3 = z.string().regex(/^[A-Z]{3}$/, "three capital letters (ISO 3166 alpha-3)");

/** Allies' annual plans cover the Hague commitment's horizon (2035) and at most fifteen years past it. */
export const PLAN_FIRST_YEAR = 2025;
export const PLAN_LAST_YEAR = 2050;
export const PLAN_MAX_YEARS = 30;
export const PLAN_NOTES_MAX_CHARS = 5000;

/**
 * `share`: percent of GDP (3.5 means 3.5 %). `amount`: million national currency, current prices.
 * The unit is chosen once per plan; every year then uses the matching fields.
 */
export const PlanUnitSchema = z.enum(["share", "amount"]);
export type PlanUnit = z.infer<typeof PlanUnitSchema>;

const pct = z
  .number("a number (percent of GDP)")
  .finite()
  .min(0, "a share of GDP cannot be negative")
  .max(50, "a share of GDP above 50 % is not credible");
const ncM = z.number("a number (million national currency)").finite().min(0, "spending cannot be negative");

/** One planned year. Absent related spending stays absent (never 0). */
export const PlanYearSchema = z.strictObject({
  year: z
    .number("a year is needed")
    .int("a whole year")
    .min(PLAN_FIRST_YEAR, `plans cover ${PLAN_FIRST_YEAR} to ${PLAN_LAST_YEAR}`)
    .max(PLAN_LAST_YEAR, `plans cover ${PLAN_FIRST_YEAR} to ${PLAN_LAST_YEAR}`),
  corePct: pct.optional(),
  relatedPct: pct.optional(),
  coreNcM: ncM.optional(),
  relatedNcM: ncM.optional(),
});
export type PlanYear = z.infer<typeof PlanYearSchema>;

/**
 * Who stands behind a plan's figure: the ally's own claim, NATO's assessment, nothing reported, or a
 * user who classified a national budget line by line (`pledge classify`) — never NATO's figure.
 */
export const PlanSourceStatusSchema = z.enum(["claimed_by_ally", "assessed_by_nato", "not_reported", "classified_by_user"]);
export type PlanSourceStatus = z.infer<typeof PlanSourceStatusSchema>;

export const PlanSourceSchema = z.strictObject({
  title: z.string().trim().min(1, "a source needs a title").max(500, "at most 500 characters"),
  url: z
    .url({ protocol: /^https?$/, error: "an http(s) URL" })
    .max(2000)
    .optional(),
  status: PlanSourceStatusSchema.optional(),
  /** Which of the plan's figures the source stands behind. */
  covers: z.enum(["core", "related", "both"]).optional(),
  /** The years it stands behind, when not all of them. */
  years: z.array(z.number().int().min(PLAN_FIRST_YEAR).max(PLAN_LAST_YEAR)).max(PLAN_MAX_YEARS).optional(),
});
export type PlanSource = z.infer<typeof PlanSourceSchema>;

/** An ally's annual plan as submitted: the input the API, the importer and the store validate. */
const planFields = {
  ally: Iso3,
  submissionYear: z
    .number("a year is needed")
    .int("a whole year")
    .min(2024, "no earlier than 2024")
    .max(PLAN_LAST_YEAR, `no later than ${PLAN_LAST_YEAR}`),
  unit: PlanUnitSchema,
  years: z.array(PlanYearSchema).min(1, "a plan needs at least one year").max(PLAN_MAX_YEARS, `at most ${PLAN_MAX_YEARS} years`),
  notes: z.string().max(PLAN_NOTES_MAX_CHARS, `at most ${PLAN_NOTES_MAX_CHARS} characters`).default(""),
  sources: z.array(PlanSourceSchema).max(50, "at most 50 sources").default([]),
};

/** Years unique; each year carries the core field of the plan's unit and no field of the other unit. */
function checkYears(plan: { unit: PlanUnit; years: PlanYear[] }, ctx: z.RefinementCtx): void {
  const seen = new Set<number>();
  const [core, related, otherCore, otherRelated] =
    plan.unit === "share"
      ? (["corePct", "relatedPct", "coreNcM", "relatedNcM"] as const)
      : (["coreNcM", "relatedNcM", "corePct", "relatedPct"] as const);
  plan.years.forEach((y, i) => {
    if (seen.has(y.year)) ctx.addIssue({ code: "custom", path: ["years", i, "year"], message: `year ${y.year} appears twice` });
    seen.add(y.year);
    if (y[core] === undefined) ctx.addIssue({ code: "custom", path: ["years", i, core], message: `required when unit is "${plan.unit}"` });
    for (const field of [otherCore, otherRelated])
      if (y[field] !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["years", i, field],
          message: `not allowed when unit is "${plan.unit}" (use ${core}/${related})`,
        });
  });
}

export const AnnualPlanSchema = z.strictObject(planFields).superRefine(checkYears);
export type AnnualPlanInput = z.input<typeof AnnualPlanSchema>;
export type AnnualPlan = z.output<typeof AnnualPlanSchema>;

export const PlanStatusSchema = z.enum(["active", "withdrawn"]);
export type PlanStatus = z.infer<typeof PlanStatusSchema>;

/** Plan ids are readable and stable: one plan per ally and submission year, e.g. `POL-2025`. */
export const PlanIdSchema = z.string().regex(/^[A-Z]{3}-\d{4}$/, "ALLY-YEAR, e.g. POL-2025");

export function planIdOf(ally: string, submissionYear: number): string {
  return `${ally}-${submissionYear}`;
}

/** One immutable version of a plan. A withdrawal is a version with status `withdrawn`. */
export const PlanVersionSchema = z
  .strictObject({
    planId: PlanIdSchema,
    version: z.number().int().min(1),
    status: PlanStatusSchema,
    createdAt: z.iso.datetime(),
    createdBy: z.string().min(1).max(200),
    ...planFields,
  })
  .superRefine(checkYears);
export type PlanVersion = z.infer<typeof PlanVersionSchema>;

/** One plan in a list (`GET /api/v1/plans`): its identity and its latest version. */
export interface PlanSummary {
  planId: string;
  ally: string;
  submissionYear: number;
  createdAt: string;
  latest: PlanVersion;
}

export const RoleSchema = z.enum(["admin", "editor", "reader"]);
export type Role = z.infer<typeof RoleSchema>;

export const UserNameSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case letters, digits, dots, dashes and underscores");

/** A user as the application sees it (never the password hash). Editors may edit only their `allies`. */
export const UserSchema = z
  .strictObject({
    id: z.string().min(1),
    name: UserNameSchema,
    role: RoleSchema,
    allies: z.array(Iso3).max(40),
    createdAt: z.iso.datetime(),
    disabled: z.boolean(),
  })
  .refine((u) => u.role === "editor" || u.allies.length === 0, { path: ["allies"], message: "only editors have a list of allies" });
export type User = z.infer<typeof UserSchema>;

export const NewUserSchema = z
  .strictObject({
    name: UserNameSchema,
    password: z.string().min(12, "at least 12 characters").max(1024),
    role: RoleSchema,
    allies: z.array(Iso3).max(40).default([]),
  })
  .refine((u) => u.role === "editor" || u.allies.length === 0, { path: ["allies"], message: "only editors have a list of allies" });
export type NewUser = z.input<typeof NewUserSchema>;

/** Admins edit every ally's plans, editors only their own allies', readers none. */
export function canEditAlly(user: Pick<User, "role" | "allies" | "disabled">, ally: string): boolean {
  if (user.disabled) return false;
  if (user.role === "admin") return true;
  return user.role === "editor" && user.allies.includes(ally);
}

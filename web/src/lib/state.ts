/**
 * The whole dashboard state lives in the URL's hash, `#/<view>?key=value&…`, so any view can be shared
 * as a link and reopens identically, and a static host needs no rewrite rules. Only values that differ
 * from the defaults are written, which keeps links short and stable when defaults are filled in later.
 */
export const VIEWS = ["overview", "ally", "planner", "compare", "alliance", "afford", "classify", "check", "sources"] as const;
export type View = (typeof VIEWS)[number];

export const SHAPES = ["linear", "constant-real-growth", "front-loaded", "back-loaded", "freeze"] as const;
export type Shape = (typeof SHAPES)[number];

export interface AppState {
  view: View;
  /** NATO vintage of the figures shown; "" means the newest official release. */
  vintage: string;
  /** Year of the map and the ranking; 0 means the vintage's latest year. */
  year: number;
  /** The ally of the Ally view. */
  ally: string;
  /** Allies of the planner and of the comparison; empty means every ally in the planner. */
  allies: string[];
  /**
   * Planner: core target (% GDP), related target and target year; null = the Hague's, from
   * data/guidelines.csv (and for the core target, the ally's own arrangement: Spain); then the shape.
   */
  core: number | null;
  related: number | null;
  by: number | null;
  shape: Shape;
  /** Planner: the scenario preset the parameters started from ("" = none). */
  preset: string;
  /** Planner: Monte Carlo paths and seed. */
  paths: number;
  seed: number;
  /** Compare: allies side by side, or scenario presets side by side. */
  mode: "allies" | "scenarios";
  scenarios: string[];
  /** Compare: the indicator compared across allies. */
  indicator: string;
  /** Sources: the two vintages compared. */
  from: string;
  to: string;
  /** Check: the sentence checked and its publication date ("" = none), so a check is a shareable link. */
  claim: string;
  published: string;
  /** A chart-only page for an iframe: the id of the one figure shown ("" = the whole dashboard). */
  embed: string;
}

export const DEFAULT_STATE: AppState = {
  view: "overview",
  vintage: "",
  year: 0,
  ally: "POL",
  allies: [],
  core: null,
  related: null,
  by: null,
  shape: "linear",
  preset: "",
  paths: 10_000,
  seed: 2035,
  mode: "allies",
  scenarios: ["hague-2035", "status-quo", "rupture"],
  indicator: "defexp_share_gdp_pct",
  from: "2024-06",
  to: "2026-07",
  claim: "",
  published: "",
  embed: "",
};

type Key = Exclude<keyof AppState, "view">;
const KEYS = Object.keys(DEFAULT_STATE).filter((k) => k !== "view") as Key[];

function encodeValue(v: AppState[Key]): string {
  if (Array.isArray(v)) return v.join(",");
  if (v === null) return "";
  return String(v);
}

/** The hash for a state: `#/planner?allies=DEU,FRA&core=3`. */
export function encodeState(s: AppState): string {
  const params = new URLSearchParams();
  for (const k of KEYS) {
    const value = encodeValue(s[k]);
    if (value !== encodeValue(DEFAULT_STATE[k])) params.set(k, s[k] === null ? "default" : value);
  }
  const q = params.toString().replace(/%2C/g, ",");
  return `#/${s.view}${q ? `?${q}` : ""}`;
}

const num = (text: string, min: number, max: number): number | undefined => {
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) && n >= min && n <= max ? n : undefined;
};
const iso3List = (text: string) => text.split(",").filter((x) => /^[A-Z]{3}$/.test(x));
const idList = (text: string) => text.split(",").filter((x) => /^[a-z0-9-]{1,64}$/.test(x));

/** Reads a hash back. Unknown or malformed values fall back to the default, never throw. */
export function decodeState(hash: string): AppState {
  const s: AppState = { ...DEFAULT_STATE, allies: [...DEFAULT_STATE.allies], scenarios: [...DEFAULT_STATE.scenarios] };
  const m = /^#?\/?([a-z]*)(?:\?(.*))?$/.exec(hash);
  if (!m) return s;
  if ((VIEWS as readonly string[]).includes(m[1] ?? "")) s.view = m[1] as View;
  const p = new URLSearchParams(m[2] ?? "");
  const get = (k: Key) => p.get(k) ?? undefined;
  const text = (k: "vintage" | "indicator" | "from" | "to" | "preset", re: RegExp) => {
    const v = get(k);
    if (v !== undefined && re.test(v)) s[k] = v;
  };
  text("vintage", /^[a-z0-9-]{0,64}$/);
  text("from", /^[a-z0-9-]{1,64}$/);
  text("to", /^[a-z0-9-]{1,64}$/);
  text("preset", /^[a-z0-9-]{0,64}$/);
  text("indicator", /^[a-z0-9_]{1,64}$/);
  const ally = get("ally");
  if (ally && /^[A-Z]{3}$/.test(ally)) s.ally = ally;
  const allies = get("allies");
  if (allies !== undefined) s.allies = iso3List(allies);
  const scenarios = get("scenarios");
  if (scenarios !== undefined) s.scenarios = idList(scenarios);
  s.year = num(get("year") ?? "", 1949, 2100) ?? s.year;
  const core = get("core");
  if (core !== undefined) s.core = core === "default" ? null : (num(core, 0, 20) ?? s.core);
  const related = get("related");
  if (related !== undefined) s.related = related === "default" ? null : (num(related, 0, 10) ?? s.related);
  const by = get("by");
  if (by !== undefined) s.by = by === "default" ? null : num(by, 2025, 2050) === null ? s.by : Math.round(num(by, 2025, 2050) as number);
  const shape = get("shape");
  if (shape && (SHAPES as readonly string[]).includes(shape)) s.shape = shape as Shape;
  s.paths = Math.round(num(get("paths") ?? "", 100, 200_000) ?? s.paths);
  s.seed = Math.round(num(get("seed") ?? "", 0, 4_294_967_295) ?? s.seed);
  const claim = get("claim");
  // The same bound as the API and the CLI (MAX_SENTENCE_CHARS); a longer link is cut, never rejected.
  if (claim !== undefined) s.claim = claim.slice(0, 1000);
  const published = get("published");
  if (published !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(published)) s.published = published;
  const embed = get("embed");
  if (embed !== undefined && /^[a-z0-9-]{0,64}$/.test(embed)) s.embed = embed;
  const mode = get("mode");
  if (mode === "allies" || mode === "scenarios") s.mode = mode;
  return s;
}

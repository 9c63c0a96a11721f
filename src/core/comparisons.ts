import type { Dataset } from "../model/dataset.ts";
import { COMPARATORS } from "../model/entities.ts";
import { type Figure, figureOf } from "./figure.ts";
import { membersIn } from "./membership.ts";

export interface ComparatorSpending {
  iso3: string;
  name: string;
  milexUsdCurrentM: Figure | null;
  milexSharePct: Figure | null;
  /** NATO allies' combined SIPRI spending divided by this country's. */
  natoMultiple: number | null;
}

export interface AdversaryComparison {
  year: number;
  sipriVintageId: string;
  /** Σ SIPRI military expenditure of the allies that have a figure (SIPRI's definition, not NATO's). */
  natoSipriUsdCurrentM: number | null;
  alliesMissing: string[];
  worldUsdCurrentM: number | null;
  natoShareOfWorldPct: number | null;
  comparators: ComparatorSpending[];
}

export function adversaryComparison(ds: Dataset, year: number, sipriVintageId: string): AdversaryComparison {
  const usd = (iso: string) => figureOf(ds.get(sipriVintageId, iso, "milex_usd_current", year));
  const withData = membersIn(ds, year).map((a) => ({ a, f: usd(a.iso3) }));
  const present = withData.filter((x) => x.f);
  const nato = present.length ? present.reduce((t, x) => t + (x.f?.value ?? 0), 0) : null;
  // SIPRI publishes the world total only in its regional sheet, in billions.
  const world = ds.get(sipriVintageId, "WLD", "milex_usd_current_bn", year);
  const worldM = world ? world.value * 1000 : null;
  return {
    year,
    sipriVintageId,
    natoSipriUsdCurrentM: nato,
    alliesMissing: withData.filter((x) => !x.f).map((x) => x.a.iso3),
    worldUsdCurrentM: worldM,
    natoShareOfWorldPct: nato !== null && worldM ? (nato / worldM) * 100 : null,
    comparators: COMPARATORS.map((c) => {
      const f = usd(c.iso3);
      return {
        iso3: c.iso3,
        name: c.name,
        milexUsdCurrentM: f,
        milexSharePct: figureOf(ds.get(sipriVintageId, c.iso3, "milex_share_gdp_pct", year)),
        natoMultiple: f && nato !== null && f.value > 0 ? nato / f.value : null,
      };
    }),
  };
}

export interface GdpComparison {
  year: number;
  imfVintageId: string;
  natoGdpUsdCurrentBn: number | null;
  alliesMissing: string[];
  russiaGdpUsdCurrentBn: Figure | null;
  /** NATO allies' combined GDP over Russia's (market exchange rates). */
  natoToRussia: number | null;
}

/** The "NATO's economy is N times Russia's" figure, from IMF GDP at market exchange rates (not PPP). */
export function gdpComparison(ds: Dataset, year: number, imfVintageId: string): GdpComparison {
  const gdp = (iso: string) => ds.get(imfVintageId, iso, "gdp_usd_current_bn", year);
  const members = membersIn(ds, year);
  const present = members.filter((a) => gdp(a.iso3));
  const nato = present.length ? present.reduce((t, a) => t + (gdp(a.iso3)?.value ?? 0), 0) : null;
  const rus = figureOf(gdp("RUS"));
  return {
    year,
    imfVintageId,
    natoGdpUsdCurrentBn: nato,
    alliesMissing: members.filter((a) => !gdp(a.iso3)).map((a) => a.iso3),
    russiaGdpUsdCurrentBn: rus,
    natoToRussia: nato !== null && rus && rus.value > 0 ? nato / rus.value : null,
  };
}

import { describe, expect, it } from "vitest";
import { loadKielTotals } from "../data/kiel-aid.ts";
import { loadDataset } from "../data/load-dataset.ts";
import { allianceStatus } from "./compliance.ts";
import { complianceTable, withUkraineAid } from "./compliance-tables.ts";
import { ukraineAidIndex } from "./ukraine-aid.ts";

const ds = loadDataset();
const kiel = loadKielTotals();
const twoDecimals = (v: number) => Math.round(v * 100 + 1e-9) / 100;

describe("the compliance table with Ukraine aid counted", () => {
  const plain = complianceTable(ds, allianceStatus(ds, 2025, "2026-07"));
  const aid = withUkraineAid(plain, ukraineAidIndex(ds, kiel));

  it("keeps NATO's columns as they were and adds the aid beside them", () => {
    for (const [i, r] of plain.rows.entries()) for (const [k, v] of Object.entries(r)) expect(aid.rows[i]?.[k], k).toEqual(v);
    expect(aid.spec.columns.map((c) => c.key)).toEqual(
      expect.arrayContaining(["ukraine_military_aid_pp", "share_with_ukraine_aid_pct", "gdp2_status_with_aid"]),
    );
  });

  it("never lowers a share, adds exactly the stated average, and judges the verdict on the sum's two decimals", () => {
    let changed = 0;
    for (const r of aid.rows) {
      const share = r.share_of_gdp_pct as number | null;
      const added = r.ukraine_military_aid_pp as number | null;
      const withAid = r.share_with_ukraine_aid_pct as number | null;
      if (share === null || added === null) {
        expect(withAid).toBeNull();
        continue;
      }
      expect(added).toBeGreaterThanOrEqual(0);
      expect(withAid as number).toBeCloseTo(share + added, 3);
      if (r.gdp2_status === "met" || r.gdp2_status === "below")
        expect(r.gdp2_status_with_aid).toBe(twoDecimals(withAid as number) >= 2 ? "met" : "below");
      if (r.gdp2_status === "met") expect(r.gdp2_status_with_aid).toBe("met");
      if (added > 0) changed++;
    }
    expect(changed).toBeGreaterThan(10);
  });

  it("Iceland stays not applicable with aid too", () => {
    const isl = aid.rows.find((r) => r.ally === "ISL");
    expect(isl?.gdp2_status_with_aid).toBe("not_applicable");
  });
});

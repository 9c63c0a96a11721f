import { expect, it } from "vitest";
import { allianceAggregates, loadDataset } from "./index.ts";

it("works as a library: the June 2024 release counts 23 allies at or above 2% in 2024", () => {
  const ds = loadDataset();
  expect(allianceAggregates(ds, 2024, "2024-06").counts.find((c) => c.guidelineId === "gdp2")?.met).toHaveLength(23);
});

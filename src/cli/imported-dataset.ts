import { existsSync } from "node:fs";
import { join } from "node:path";
import { createDataset, type Dataset } from "../model/dataset.ts";

/**
 * The bundled dataset plus the vintages imported into the store (`pledge data import`, or an admin
 * through the API): the embedded database in `.pledge/` when it exists, or $DATABASE_URL.
 */
export async function datasetWithImports(base: Dataset, env: Record<string, string | undefined>, dataDir = ".pledge"): Promise<Dataset> {
  const url = env.DATABASE_URL;
  if (!url && !existsSync(join(dataDir, "pledge.sqlite"))) return base;
  const { openStore, listImportedVintages } = await import("../store/index.ts");
  const store = await openStore({ ...(url ? { url } : {}), dataDir });
  try {
    const imports = await listImportedVintages(store);
    if (imports.length === 0) return base;
    return createDataset({
      ...base,
      vintages: [...base.vintages, ...imports.map((i) => i.vintage)],
      observations: [...base.observations, ...imports.flatMap((i) => i.observations)],
    });
  } finally {
    await store.close();
  }
}

import type { Migration, MigrationProvider } from "kysely";
import type { StoreDialect } from "../database.ts";
import { initialMigration } from "./0001-initial.ts";
import { importedVintagesMigration } from "./0002-imported-vintages.ts";

/** The newest migration: a backup records it and restores only into the same schema. */
export const LATEST_MIGRATION = "0002-imported-vintages";

/** Static provider: migrations are code, not files found at run time (works in a bundle too). */
export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return { "0001-initial": initialMigration(dialect), "0002-imported-vintages": importedVintagesMigration() };
    },
  };
}

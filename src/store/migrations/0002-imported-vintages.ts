import type { Kysely, Migration } from "kysely";

/**
 * Vintages that an admin imported through the API (a release newer than the bundled data). One row
 * per import, written once: the vintage's metadata and its validated observations as JSON, so an
 * import is all-or-nothing by construction and never partly visible.
 */
export function importedVintagesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("imported_vintages")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("vintage", "text", (c) => c.notNull())
        .addColumn("observations", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .execute();
    },
  };
}

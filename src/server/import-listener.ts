import pg from "pg";
import { IMPORTS_CHANNEL } from "../store/index.ts";

/**
 * Listens on PostgreSQL for vintages another instance imported (`NOTIFY pledge_imports`, sent when the
 * import commits) and calls `changed` at once, so a write on one instance is visible on all. The
 * connection is reopened after a restart or failover (every 2 s until it succeeds), and `changed` is
 * called then too, since a notification may have been missed while it was down.
 */
export function listenForImports(url: string, changed: () => void, log: (line: string) => void): { close(): Promise<void> } {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (again: boolean) => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    const lost = () => {
      if (client !== c || closed) return;
      client = undefined;
      retry = setTimeout(() => void connect(true), 2_000);
      retry.unref();
    };
    c.on("error", lost);
    c.on("end", lost);
    c.on("notification", (n) => {
      if (n.channel === IMPORTS_CHANNEL) changed();
    });
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${IMPORTS_CHANNEL}`);
      if (again) changed();
    } catch (error) {
      log(`listening for imports failed (retrying): ${error instanceof Error ? error.message : String(error)}`);
      c.end().catch(() => {});
      lost();
    }
  };
  void connect(false);
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}

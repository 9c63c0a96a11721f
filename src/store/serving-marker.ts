/**
 * Which `pledge serve` holds an embedded (SQLite) database. A restore replaces every table in one
 * transaction; run beside a live server it made the server's writes fail with "database is locked"
 * for as long as it lasted. So the server leaves a marker beside the database file while it runs, and
 * `pledge db restore` refuses while the marker names a live process on this machine.
 *
 * A marker whose process is gone (the server was killed) is stale and ignored. PostgreSQL needs no
 * marker: its row locks let a restore and a running server's writes simply wait for each other.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

export interface ServingHolder {
  pid: number;
  host: string;
  /** ISO time the server started. */
  since: string;
  /** Where it listens, when known. */
  url?: string;
}

export const markerFileOf = (databaseFile: string): string => `${databaseFile}.serving`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live server holding the database, or null (no marker, a stale one, or one from another host). */
export function servingHolder(databaseFile: string): ServingHolder | null {
  let holder: ServingHolder;
  try {
    holder = JSON.parse(readFileSync(markerFileOf(databaseFile), "utf8")) as ServingHolder;
  } catch {
    return null;
  }
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return null;
  // A marker from another machine (a database on a shared disk) cannot be checked: it is taken as live.
  if (holder.host !== hostname()) return holder;
  return alive(holder.pid) ? holder : null;
}

/** Marks the database as held by this process until the returned release is called (or the process exits). */
export function markServing(databaseFile: string, since: Date, url?: string): () => void {
  const file = markerFileOf(databaseFile);
  const holder: ServingHolder = { pid: process.pid, host: hostname(), since: since.toISOString(), ...(url ? { url } : {}) };
  writeFileSync(file, `${JSON.stringify(holder)}\n`);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    // Another server may have taken the database since (after this one was presumed dead): leave its marker.
    try {
      const now = JSON.parse(readFileSync(file, "utf8")) as ServingHolder;
      if (now.pid === process.pid) rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  };
  process.on("exit", release);
  return release;
}

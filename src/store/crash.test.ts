import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { listAudit } from "./audit-repository.ts";
import { openStore } from "./database.ts";
import { getPlan } from "./plans-repository.ts";

const root = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "pledge-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer, kills it with SIGKILL ~300 ms after its first commit, and returns the commits it reported. */
function runAndKill(file: string): Promise<{ committed: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/write-load.ts", file], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      timer ??= setTimeout(() => child.kill("SIGKILL"), 300);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal !== "SIGKILL") return reject(new Error(`the writer stopped by itself (${signal ?? _code}): ${stderr}`));
      // Only complete lines: a line cut by the kill was not fully reported.
      resolve({ committed: out.split("\n").slice(0, -1), stderr });
    });
  });
}

describe("crash safety (SQLite, WAL, synchronous=FULL)", () => {
  it("every version reported committed before SIGKILL is there, intact and audited, three kills in a row", async () => {
    const file = join(dir, "pledge.sqlite");
    const reported = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const { committed } = await runAndKill(file);
      expect(committed.length, "the writer committed nothing before it was killed").toBeGreaterThan(3);
      for (const line of committed) reported.add(line);

      const store = await openStore({ url: `sqlite:${file}` });
      try {
        const present = new Set<string>();
        for (const ally of ["POL", "EST", "LTU"]) {
          // getPlan parses and validates every stored payload: a torn one would throw.
          const record = await getPlan(store, `${ally}-2025`);
          for (const v of record?.history ?? []) present.add(`${v.planId} ${v.version}`);
        }
        for (const line of reported) expect(present.has(line), `committed ${line} is missing`).toBe(true);

        const audited = new Set<string>();
        for (
          let page = await listAudit(store, { entity: "plan", limit: 500 });
          ;
          page = await listAudit(store, { entity: "plan", limit: 500, beforeId: page.nextBeforeId as number })
        ) {
          for (const e of page.entries) {
            const after = e.after as { planId: string; version: number };
            audited.add(`${after.planId} ${after.version}`);
          }
          if (page.nextBeforeId === null) break;
        }
        expect(
          [...present].filter((v) => !audited.has(v)),
          "versions without an audit row",
        ).toEqual([]);
        expect(audited.size).toBe(present.size);
      } finally {
        await store.close();
      }
      const raw = new SQLite(file, { readonly: true });
      try {
        expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
      } finally {
        raw.close();
      }
    }
  }, 90_000);
});

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/support/fake-io.ts";
import { getPlan, openStore } from "../store/index.ts";

const dir = mkdtempSync(join(tmpdir(), "pledge-cli-server-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, "db");
const store = ["--data-dir", dataDir];

describe("pledge user, token and db", () => {
  it("adds an editor from a piped password, refuses a password on the command line, and a too-short one", async () => {
    const ok = await runCli(["user", "add", "ewa", "--role", "editor", "--allies", "pol,est", "--password-stdin", ...store], {
      stdin: "correct horse battery staple\n",
    });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/created editor ewa for EST, POL/);

    const noStdin = await runCli(["user", "add", "max", "--role", "reader", ...store]);
    expect(noStdin.code).toBe(2);
    expect(noStdin.stderr).toMatch(/--password-stdin is required/);

    const short = await runCli(["user", "add", "max", "--role", "reader", "--password-stdin", ...store], { stdin: "short" });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/password.*12 characters/);

    const taken = await runCli(["user", "add", "ewa", "--role", "reader", "--password-stdin", ...store], {
      stdin: "another long password",
    });
    expect(taken.code).toBe(2);
  });

  it("creates a token that authenticates against the store, then revokes it", async () => {
    const created = await runCli(["token", "create", "ewa", "--label", "importer", ...store]);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    const id = /token ([0-9a-f]{16}) for ewa/.exec(created.stderr)?.[1];
    expect(id).toBeDefined();
    const s = await openStore({ dataDir });
    const { verifyApiToken } = await import("../store/index.ts");
    expect((await verifyApiToken(s, token))?.name).toBe("ewa");
    const revoked = await runCli(["token", "revoke", id as string, ...store]);
    expect(revoked.code).toBe(0);
    expect(await verifyApiToken(s, token)).toBeNull();
    await s.close();

    const unknown = await runCli(["token", "create", "nobody", ...store]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no user "nobody"/);
  });

  it("backs up and restores the database exactly", async () => {
    const s = await openStore({ dataDir });
    const { createPlan } = await import("../store/index.ts");
    await createPlan(s, { ally: "POL", submissionYear: 2025, unit: "share", years: [{ year: 2026, corePct: 4.7 }] }, "test");
    await s.close();
    const file = join(dir, "backup.jsonl");
    const backup = await runCli(["db", "backup", file, ...store]);
    expect(backup.code).toBe(0);
    const first = readFileSync(file, "utf8");

    const restoredDir = join(dir, "restored");
    const restore = await runCli(["db", "restore", file, "--data-dir", restoredDir]);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    const again = join(dir, "again.jsonl");
    await runCli(["db", "backup", again, "--data-dir", restoredDir]);
    expect(readFileSync(again, "utf8")).toBe(first);
    const r = await openStore({ dataDir: restoredDir });
    expect((await getPlan(r, "POL-2025"))?.latest.years[0]?.corePct).toBe(4.7);
    await r.close();
  });
});

describe("pledge serve", () => {
  it("serves the API at the URL it prints until it is signalled, then stops accepting connections", async () => {
    let stop: (signal: string) => void = () => {};
    let printed: (url: string) => void = () => {};
    const url = new Promise<string>((resolve) => {
      printed = resolve;
    });
    const run = runCli(["serve", "--port", "0", ...store], {
      untilSignal: () => new Promise<string>((resolve) => (stop = resolve)),
      onStdout: (text) => {
        const m = /dashboard at (http:\/\/[^/\s]+)\//.exec(text);
        if (m) printed(m[1] as string);
      },
    });
    const served = await url;
    const health = await fetch(`${served}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "sqlite" });
    stop("SIGTERM");
    const r = await run;
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/SIGTERM: finishing requests in flight/);
    await expect(fetch(`${served}/api/v1/health`)).rejects.toThrow();
  });

  it("refuses a port that is not a number", async () => {
    const r = await runCli(["serve", "--port", "http", ...store]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--port: "http" is not a port number/);
  });
});

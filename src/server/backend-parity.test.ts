/**
 * Issue 15, items 5 and 6, against a real server on each database: input one database cannot store is
 * refused by both with 400 naming the field (never a 500 on PostgreSQL only), and concurrent
 * withdrawals of one plan leave exactly one withdrawal that carries the latest content.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/stores.ts";
import { startTestServer, type TestServer } from "../../test/support/test-server.ts";
import type { AnnualPlanInput } from "../model/plan.ts";

const plan = (ally: string, submissionYear: number, notes: string): AnnualPlanInput => ({
  ally,
  submissionYear,
  unit: "share",
  years: [{ year: submissionYear, corePct: 3 }],
  notes,
});

describe.each(DIALECTS)("%s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(dialect, { rateLimits: { read: 0, write: 0, compute: 0, login: 0, loginPerAccount: 0 } });
  });
  afterAll(() => s?.stop());

  describe("input a database cannot store is refused by both with 400 naming the field", () => {
    const cases: [string, string, Parameters<TestServer["api"]>[1], string][] = [
      ["a NUL in a token label", "/api/v1/tokens", { body: { label: "nul\u0000byte" } }, "label"],
      ["a lone surrogate in a token label", "/api/v1/tokens", { body: { label: "half \ud800 pair" } }, "label"],
      ["a NUL in the audit actor filter", "/api/v1/audit?actor=%00", {}, "actor"],
      ["an audit id beyond a 32-bit integer", "/api/v1/audit?beforeId=2147483648", {}, "beforeId"],
      ["a NUL in a plan's notes", "/api/v1/plans", { body: plan("POL", 2040, "a\u0000b") }, "notes"],
      [
        "a lone low surrogate in a nested field",
        "/api/v1/plans",
        { body: { ...plan("POL", 2041, "x"), sources: [{ title: "\udc00" }] } },
        "sources.0.title",
      ],
    ];
    for (const [what, path, options, field] of cases)
      it(what, async () => {
        const r = await s.api(path, { ...options, token: s.admin.token });
        expect(r.status, r.text).toBe(400);
        expect(r.json.error.field).toBe(field);
      });

    it("the largest 32-bit audit id and a paired surrogate (an emoji) are accepted", async () => {
      expect((await s.api("/api/v1/audit?beforeId=2147483647", { token: s.admin.token })).status).toBe(200);
      const r = await s.api("/api/v1/tokens", { body: { label: "flag 🇵🇱" }, token: s.admin.token });
      expect(r.status, r.text).toBe(201);
    });
  });

  describe("concurrent withdrawals", () => {
    it("six at once: exactly one 201, five 409, one withdrawal version", async () => {
      expect((await s.api("/api/v1/plans", { body: plan("POL", 2026, "v1"), token: s.editor.token })).status).toBe(201);
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => s.api("/api/v1/plans/POL-2026/withdraw", { body: {}, token: s.editor.token })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      const record = (await s.api("/api/v1/plans/POL-2026")).json;
      expect(record.history.map((v: { status: string }) => v.status)).toEqual(["active", "withdrawn"]);
    });

    it("a withdrawal racing a new version never copies older content over it (20 rounds)", async () => {
      for (let round = 0; round < 20; round++) {
        const year = 2027 + (round % 20);
        const ally = round < 10 ? "POL" : "EST";
        const token = ally === "POL" ? s.editor.token : s.estEditor.token;
        const id = `${ally}-${year}`;
        expect((await s.api("/api/v1/plans", { body: plan(ally, year, "first"), token })).status).toBe(201);
        const [version, withdrawal] = await Promise.all([
          s.api(`/api/v1/plans/${id}/versions`, { body: plan(ally, year, "second"), token }),
          s.api(`/api/v1/plans/${id}/withdraw`, { body: {}, token }),
        ]);
        expect([version.status, withdrawal.status], version.text + withdrawal.text).toEqual([201, 201]);
        const history = (await s.api(`/api/v1/plans/${id}`)).json.history as { version: number; status: string; notes: string }[];
        // Whatever the order, a withdrawal carries exactly the content of the version just before it.
        for (const v of history) if (v.status === "withdrawn") expect(v.notes, `${id} v${v.version}`).toBe(history[v.version - 2]?.notes);
        expect(history.at(-1)?.notes === "second" || history.at(-1)?.status === "withdrawn").toBe(true);
      }
    });

    it("expectedVersion: a withdrawal of a version that is no longer the latest is a 409", async () => {
      expect((await s.api("/api/v1/plans", { body: plan("POL", 2048, "v1"), token: s.editor.token })).status).toBe(201);
      expect((await s.api("/api/v1/plans/POL-2048/versions", { body: plan("POL", 2048, "v2"), token: s.editor.token })).status).toBe(201);
      const stale = await s.api("/api/v1/plans/POL-2048/withdraw", { body: { expectedVersion: 1 }, token: s.editor.token });
      expect(stale.status).toBe(409);
      expect(stale.json.error.field).toBe("expectedVersion");
      const current = await s.api("/api/v1/plans/POL-2048/withdraw", { body: { expectedVersion: 2 }, token: s.editor.token });
      expect(current.status, current.text).toBe(201);
    });

    it("If-Match: two editors who both read version 1 each send a new version at once; one gets 201, the other 412, and nothing reverts", async () => {
      expect((await s.api("/api/v1/plans", { body: plan("POL", 2047, "v1"), token: s.editor.token })).status).toBe(201);
      const read = await s.api("/api/v1/plans/POL-2047");
      const etag = read.headers.get("etag");
      expect(etag).toBe('"POL-2047.v1"');
      const answers = await Promise.all(
        ["mine", "theirs"].map((notes) =>
          s.api("/api/v1/plans/POL-2047/versions", {
            body: plan("POL", 2047, notes),
            token: s.editor.token,
            headers: { "if-match": etag as string },
          }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 412]);
      const loser = answers.find((a) => a.status === 412);
      expect(loser?.json.error).toMatchObject({ code: "precondition_failed", field: "If-Match" });
      const winner = answers.find((a) => a.status === 201);
      expect(winner?.headers.get("etag")).toBe('"POL-2047.v2"');
      const history = (await s.api("/api/v1/plans/POL-2047")).json.history as { notes: string }[];
      expect(history.map((v) => v.notes)).toEqual(["v1", winner?.json.notes]);

      // A withdrawal from the stale tag is refused too; from the current one it is a version 3.
      const stale = await s.api("/api/v1/plans/POL-2047/withdraw", {
        body: {},
        token: s.editor.token,
        headers: { "if-match": '"POL-2047.v1"' },
      });
      expect(stale.status).toBe(412);
      const current = await s.api("/api/v1/plans/POL-2047/withdraw", {
        body: {},
        token: s.editor.token,
        headers: { "if-match": '"POL-2047.v2"' },
      });
      expect(current.status, current.text).toBe(201);
      expect(current.headers.get("etag")).toBe('"POL-2047.v3"');
    });

    it("If-Match: * and an absent header write onto the latest; a malformed tag is 400, another plan's tag 412", async () => {
      expect((await s.api("/api/v1/plans", { body: plan("POL", 2046, "v1"), token: s.editor.token })).status).toBe(201);
      const any = await s.api("/api/v1/plans/POL-2046/versions", {
        body: plan("POL", 2046, "v2"),
        token: s.editor.token,
        headers: { "if-match": "*" },
      });
      expect(any.status, any.text).toBe(201);
      const malformed = await s.api("/api/v1/plans/POL-2046/versions", {
        body: plan("POL", 2046, "x"),
        token: s.editor.token,
        headers: { "if-match": "v2" },
      });
      expect(malformed.status).toBe(400);
      expect(malformed.json.error.field).toBe("If-Match");
      const weak = await s.api("/api/v1/plans/POL-2046/versions", {
        body: plan("POL", 2046, "x"),
        token: s.editor.token,
        headers: { "if-match": 'W/"POL-2046.v2"' },
      });
      expect(weak.status).toBe(400);
      const other = await s.api("/api/v1/plans/POL-2046/versions", {
        body: plan("POL", 2046, "x"),
        token: s.editor.token,
        headers: { "if-match": '"POL-2047.v2"' },
      });
      expect(other.status).toBe(412);
      const disagree = await s.api("/api/v1/plans/POL-2046/withdraw", {
        body: { expectedVersion: 1 },
        token: s.editor.token,
        headers: { "if-match": '"POL-2046.v2"' },
      });
      expect(disagree.status).toBe(400);
      expect((await s.api("/api/v1/plans/POL-2046")).json.history).toHaveLength(2);
    });
  });
});

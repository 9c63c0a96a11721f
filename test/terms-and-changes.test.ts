/**
 * The terms and the record of changes that ship with the package: DATA-LICENSES.md covers every source
 * in data/sources.csv with the same terms `pledge sources` shows, states the SIPRI share Pledge
 * ships as recounted from data/, and CHANGELOG.md keeps the keep-a-changelog form with a code and a
 * data part and names every vintage.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/fake-io.ts";

const root = join(import.meta.dirname, "..");
const read = (f: string) => readFileSync(join(root, f), "utf8");
const csv = (f: string) => parse(read(f), { columns: true }) as Record<string, string>[];
const sources = csv("data/sources.csv");

/** SIPRI's April 2025 workbook holds 54,394 figures (../shared/docs/domain.md, "Terms of reuse"). */
const SIPRI_WORKBOOK_FIGURES = 54_394;

describe("DATA-LICENSES.md", () => {
  const text = read("DATA-LICENSES.md");

  it("has a section per source in data/sources.csv with its recorded licence and its terms, word for word", () => {
    expect(sources.length).toBeGreaterThan(5);
    for (const s of sources) {
      const section = text.split(/^### /m).find((part) => part.startsWith(`\`${s.id}\``));
      expect(section, s.id).toBeDefined();
      expect(section).toContain(`**Terms as recorded:** ${s.licence}`);
      expect(section).toContain(`**What you may and may not do:** ${s.terms}`);
    }
  });

  it("states how many SIPRI figures Pledge ships and their share of SIPRI's data set, as data/ holds them today", () => {
    const vintage = csv("data/vintages.csv").find((v) => v.series === "sipri");
    const rows = csv(`data/${vintage?.file}`);
    const pct = (n: number) => `${((n / SIPRI_WORKBOOK_FIGURES) * 100).toFixed(1)} %`;
    const sipri = sources.find((s) => s.id === "sipri-milex-2025");
    expect(text).toContain(`**${rows.length.toLocaleString("en")}** of them`);
    expect(text).toContain(`(**${pct(rows.length)}**), below the 10 % share`);
    expect(sipri?.terms).toContain(`Pledge ships ${rows.length.toLocaleString("en")} of its figures (${pct(rows.length)})`);
    // Under SIPRI's fair-use share: less than 10 % of the data set, i.e. at most 5,439 figures.
    expect(rows.length).toBeLessThanOrEqual(Math.floor(SIPRI_WORKBOOK_FIGURES / 10));
  });
});

describe("pledge sources shows each source's terms of reuse", () => {
  it("in JSON, the terms of data/sources.csv for every source", async () => {
    const r = await runCli(["sources", "--format", "json"]);
    expect(r.code).toBe(0);
    const shown = JSON.parse(r.stdout).publications as { id: string; terms: string }[];
    expect(Object.fromEntries(shown.map((s) => [s.id, s.terms]))).toEqual(Object.fromEntries(sources.map((s) => [s.id, s.terms])));
  });

  it("in the table, a Terms of reuse column with SIPRI's non-commercial condition, and a pointer to DATA-LICENSES.md", async () => {
    const r = await runCli(["sources"]);
    expect(r.stdout).toContain("Terms of reuse");
    expect(r.stdout).toMatch(/non-commercial use of less than 10 %/);
    expect(r.stdout).toContain("DATA-LICENSES.md");
  });
});

describe("CHANGELOG.md", () => {
  const text = read("CHANGELOG.md");
  const versions = [...text.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map((m) => ({
    version: m[1] as string,
    date: m[2],
  }));

  it("has an Unreleased section, then released versions in semantic-version form, newest first, each dated", () => {
    expect(versions[0]?.version).toBe("Unreleased");
    const released = versions.slice(1);
    expect(released.length).toBeGreaterThan(0);
    for (const v of released) {
      expect(v.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(v.date, v.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const key = (v: string) => v.split(".").map(Number) as [number, number, number];
    for (let i = 1; i < released.length; i++) {
      const [a, b] = [key(released[i - 1]?.version as string), key(released[i]?.version as string)];
      expect(a[0] * 1e6 + a[1] * 1e3 + a[2]).toBeGreaterThan(b[0] * 1e6 + b[1] * 1e3 + b[2]);
    }
  });

  it("records the version package.json names", () => {
    const { version } = JSON.parse(read("package.json")) as { version: string };
    expect(versions.map((v) => v.version)).toContain(version);
  });

  it("splits every version into Code and Data, using only keep-a-changelog's kinds of change", () => {
    const sections = text.split(/^## /m).slice(1);
    for (const s of sections) {
      const parts = [...s.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
      expect(parts, s.split("\n")[0]).toEqual(["Code", "Data"]);
      for (const kind of s.matchAll(/^#### (.+)$/gm))
        expect(["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]).toContain(kind[1]);
    }
  });

  it("names every vintage in data/vintages.csv, so a new vintage comes with its entry", () => {
    for (const v of csv("data/vintages.csv")) expect(text, v.id).toContain(`\`${v.id}\``);
  });
});

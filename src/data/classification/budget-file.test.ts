import { fc, test } from "@fast-check/vitest";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { DataError } from "../data-error.ts";
import { amountValue, provenDecimal, scanAmount } from "./amount.ts";
import { readBudget } from "./budget-file.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const EUR = { currency: "EUR" };
const csv = (text: string, opts: { currency: string; unit?: string } = EUR) => readBudget(enc(text), "csv", "budget.csv", opts);
const rejects = async (p: Promise<unknown>): Promise<DataError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error("no error");
};
const amountsOf = async (cells: string[], currency = "EUR") =>
  (await csv(`id;name;amount\n${cells.map((c, i) => `L${i};Line ${i};${c}`).join("\n")}`, { currency })).lines.map((l) => l.amount);

describe("amounts in the usual locales", () => {
  it("reads German, French, English and accounting forms", async () => {
    expect(await amountsOf(["1.234,5", "1 234,5 €", "12,5"])).toEqual([1234.5, 1234.5, 12.5]);
    expect(await amountsOf(["(1,234)", "1,234.5", "-2,000,000"].map((s) => `"${s}"`))).toEqual([-1234, 1234.5, -2000000]);
    expect(await amountsOf(["1.234-", "(2.500,75)"])).toEqual([-1234, -2500.75]);
    expect(await amountsOf(["\u20121".replace("\u2012", "\u2212") /* −1 */, "EUR 3", "7\u202f000"])).toEqual([-1, 3, 7000]);
  });
  it("decides a lone separator before three digits from the rest of the column", async () => {
    expect(await amountsOf(["1,234", "0,5"])).toEqual([1.234, 0.5]); // the column uses decimal commas
    expect(await amountsOf(['"1,234"', '"10,000,000"'])).toEqual([1234, 10000000]);
    expect(await amountsOf(["1.234", "2.500"])).toEqual([1234, 2500]); // nothing proves a decimal mark: thousands
  });
  it("refuses a column that mixes decimal commas and points, naming both rows", async () => {
    const e = await rejects(csv('id;name;amount\nA;a;1.234,5\nB;b;"1,234.5"'));
    expect(e.message).toBe('budget.csv, row 3, field "amount": the column mixes decimal commas (row 2) and decimal points: use one locale');
  });
  it("refuses text that is not an amount, and malformed grouping", async () => {
    expect((await rejects(csv("id;name;amount\nA;a;12 apples"))).message).toMatch(/row 2, field "amount": "12 apples" is not an amount/);
    expect((await rejects(csv('id;name;amount\nA;a;"1,23,456"'))).field).toBe("amount");
  });
  test.prop([fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom("en-GB", "de-DE", "fr-FR", "de-CH")])(
    "any integer written by Intl in a European locale reads back exactly",
    (n, locale) => {
      const text = new Intl.NumberFormat(locale).format(n);
      const a = scanAmount(text);
      if (!a.ok) throw new Error(a.reason);
      const p = provenDecimal(a);
      const decimal = p === "," || (p === null && locale !== "en-GB") ? (locale === "en-GB" ? "." : ",") : ".";
      expect(amountValue(a, p === "invalid" ? "." : decimal)).toBe(n);
    },
  );
});

describe("bad budget files are refused, naming file, row and column", () => {
  it("a missing column", async () => {
    const e = await rejects(csv("id,name,value_eur\nA,a,1"));
    expect(e.message).toBe('budget.csv, row 1, field "amount": the column "amount" is missing (the header has: id, name, value_eur)');
  });
  it("duplicate line ids", async () => {
    const e = await rejects(csv("id,name,amount\nA,a,1\nB,b,2\nA,c,3"));
    expect(e.message).toBe('budget.csv, row 4, field "id": the line id "A" is also used in row 2');
  });
  it("a line in another currency, by column or by symbol", async () => {
    expect((await rejects(csv("id,name,amount,currency\nA,a,1,EUR\nB,b,2,USD"))).message).toMatch(
      /row 3, field "currency": the line is in USD, not in the ally's currency EUR/,
    );
    expect((await rejects(csv("id,name,amount\nA,a,£5"))).message).toMatch(/row 2, field "amount": the line is in GBP/);
  });
  it("an unknown unit and a military share outside 0–1", async () => {
    expect((await rejects(csv("id,name,amount,unit\nA,a,1,furlongs"))).field).toBe("unit");
    expect((await rejects(csv("id,name,amount,military_share\nA,a,1,140%"))).field).toBe("military_share");
  });
  it("a header with no lines, and more rows than the limit", async () => {
    expect((await rejects(csv("id,name,amount\n"))).message).toMatch(/no budget lines/);
    const many = `id,name,amount\n${Array.from({ length: 30 }, (_, i) => `L${i},x,1`).join("\n")}`;
    const e = await rejects(readBudget(enc(many), "csv", "big.csv", EUR, { maxBytes: 1e6, maxRows: 10, maxColumns: 10 }));
    expect(e.message).toMatch(/more than 10 rows/);
  });
});

describe("units and columns", () => {
  it("converts thousands and millions to units of the currency, line by line", async () => {
    const b = await csv("id,name,amount,unit\nA,a,2,millions\nB,b,3,thousands\nC,c,4,");
    expect(b.lines.map((l) => l.amount)).toEqual([2_000_000, 3_000, 4]);
    expect(b.notes.join(" ")).toMatch(/different units/);
  });
  it("reads the optional columns: cofog, ministry, chapter, tags, military share in % or as a fraction", async () => {
    const b = await csv(
      "id,name,amount,cofog,ministry,chapter,tags,military_share\nA,Coast guard,10,03.1,Interior,7,border;sea,40%\nB,b,1,,,,,0.25",
    );
    expect(b.lines[0]).toMatchObject({
      cofog: "03.1",
      ministry: "Interior",
      chapter: "7",
      tags: ["border", "sea"],
      militaryShare: 0.4,
      row: 2,
    });
    expect(b.lines[1]?.militaryShare).toBe(0.25);
  });
  it("reads an XLSX budget the same as its CSV", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Budget");
    ws.addRows([
      ["id", "name", "amount", "unit"],
      ["A", "Military personnel", 1234.5, "millions"],
      ["B", "Zivilschutz", "1.000,5", ""],
    ]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const b = await readBudget(bytes, "xlsx", "budget.xlsx", EUR);
    expect(b.lines.map((l) => [l.id, l.amount])).toEqual([
      ["A", 1_234_500_000],
      ["B", 1000.5],
    ]);
  });
  it("refuses a file that is not a workbook, and one over the byte limit", async () => {
    expect((await rejects(readBudget(enc("hello"), "xlsx", "x.xlsx", EUR))).message).toMatch(
      /^x\.xlsx: not readable as an \.xlsx workbook/,
    );
    expect(
      (await rejects(readBudget(enc("id,name,amount\nA,a,1"), "csv", "x.csv", EUR, { maxBytes: 5, maxRows: 9, maxColumns: 9 }))).message,
    ).toMatch(/larger than 5 bytes/);
  });
});

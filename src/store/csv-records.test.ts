import { fc, it as prop } from "@fast-check/vitest";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { readCsvRecords } from "./csv-records.ts";

const enc = (s: string) => new TextEncoder().encode(s);

describe("readCsvRecords", () => {
  it("reads quoted fields, doubled quotes, CRLF, a BOM, and the line each record starts on", async () => {
    const r = await readCsvRecords(enc('\uFEFFa,b\r\n"x, ""y""","two\nlines"\n\nlast,\n'), { skipEmptyLines: true });
    expect(r).toEqual({
      ok: true,
      records: [
        ["a", "b"],
        ['x, "y"', "two\nlines"],
        ["last", ""],
      ],
      startLines: [1, 2, 5],
    });
  });

  it("keeps blank lines as one empty cell when asked, and stops after maxRecords", async () => {
    expect(await readCsvRecords(enc("a\n\nb"), { skipEmptyLines: false })).toMatchObject({ records: [["a"], [""], ["b"]] });
    expect(await readCsvRecords(enc("h\n1\n2\n3\n"), { skipEmptyLines: false, maxRecords: 2 })).toMatchObject({
      records: [["h"], ["1"]],
      stoppedAtLine: 3,
    });
  });

  it("names the line of an unclosed quote or a stray quote", async () => {
    expect(await readCsvRecords(enc('a,b\nx,"open\n'), { skipEmptyLines: true })).toMatchObject({ ok: false, line: 2 });
    expect(await readCsvRecords(enc('a,b\nx,ab"c\n'), { skipEmptyLines: true })).toMatchObject({ ok: false, line: 2 });
  });

  // Oracle: the CSV library the build uses, on well-formed CSV written from random cells.
  prop.prop([
    fc.array(fc.array(fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "é", " ") }), { minLength: 1, maxLength: 4 }), {
      minLength: 1,
      maxLength: 8,
    }),
  ])("agrees with csv-parse on any well-formed file", async (rows) => {
    const text = rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(",")).join("\n");
    const ours = await readCsvRecords(enc(text), { skipEmptyLines: false });
    expect(ours.ok && ours.records).toEqual(parse(text, { relax_column_count: true }));
  });
});

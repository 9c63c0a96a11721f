import { describe, expect, it } from "vitest";
import { fieldErrorsOf, inputLabelOf, isFormInput } from "./plan-form-errors.ts";
import { ApiFailure } from "./session.ts";

const rows = [{ year: "2026" }, { year: "2030" }, { year: " " }];

describe("the plan editor's reading of a refused plan", () => {
  it("puts each API issue on the input that shows it: one core input per row, whatever the unit", () => {
    const e = new ApiFailure("years.1.corePct: a share of GDP above 50 % is not credible", 400, "invalid", "years.1.corePct", null, [
      { field: "years.1.corePct", message: "years.1.corePct: a share of GDP above 50 % is not credible" },
      { field: "years.2.relatedNcM", message: "spending cannot be negative" },
      { field: "years.1.corePct", message: "a second complaint about the same input" },
    ]);
    expect(fieldErrorsOf(e)).toEqual({
      "years.1.core": "a share of GDP above 50 % is not credible",
      "years.2.related": "spending cannot be negative",
    });
  });

  it("falls back to the one field of an answer without a list of issues", () => {
    expect(fieldErrorsOf(new ApiFailure("a year is needed", 400, "invalid", "submissionYear", null))).toEqual({
      submissionYear: "a year is needed",
    });
    expect(fieldErrorsOf(new ApiFailure("forbidden", 403, "forbidden", null, null))).toEqual({});
  });

  it("names inputs as the form labels them, by the year typed in the row", () => {
    expect(inputLabelOf("years.1.core", rows, "% of GDP")).toBe("Core % of GDP, 2030");
    expect(inputLabelOf("years.2.related", rows, "million national currency")).toBe("Related million national currency, row 3");
    expect(inputLabelOf("years.0.year", rows, "% of GDP")).toBe("Year (row 1)");
    expect(inputLabelOf("sources.0.url", rows, "% of GDP")).toBe("Source 1, link");
    expect(inputLabelOf("submissionYear", rows, "% of GDP")).toBe("Submission year");
    expect(inputLabelOf("years", rows, "% of GDP")).toBe("years");
  });

  it("knows which fields have an input to mark and which only the summary can name", () => {
    expect(["submissionYear", "years.4.core", "sources.1.title"].every(isFormInput)).toBe(true);
    expect(["years", "ally", "years.1.corePct", "sources"].some(isFormInput)).toBe(false);
  });
});

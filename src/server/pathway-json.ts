import type { PathwaySet } from "../core/pathway.ts";
import { PATHWAY_SERIES_COLUMNS } from "../core/pathway-request.ts";
import { EXACT_DIGITS_LIMIT } from "../core/published-precision.ts";
import type { PublishedTableSpec } from "../core/published-table/spec.ts";

const ZERO = 48;

/**
 * A JSON writer into one reused byte buffer (answers are written synchronously, one at a time). It
 * prints a published figure from its rounded integer digits rather than asking the engine for the
 * shortest form of a double: that formatting, and encoding the text to UTF-8 after it, cost over ten
 * times the computation of the paths (measured: 1.2 ms of text for 0.1 ms of paths, all allies).
 */
class JsonBytes {
  private buf = Buffer.allocUnsafe(1 << 17);
  private pos = 0;

  reset(): void {
    this.pos = 0;
  }

  /** A copy of what was written: the buffer itself is reused by the next answer. */
  take(): Uint8Array {
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    return out;
  }

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** Text that is already JSON (a literal, or the output of JSON.stringify), as UTF-8. */
  raw(json: string): void {
    const length = json.length;
    this.reserve(length * 3);
    // Most pieces are short keys and punctuation: copied by hand, they skip the call into the encoder.
    if (length <= 64) {
      const buf = this.buf;
      let pos = this.pos;
      let i = 0;
      for (; i < length; i++) {
        const code = json.charCodeAt(i);
        if (code > 127) break;
        buf[pos++] = code;
      }
      if (i === length) {
        this.pos = pos;
        return;
      }
    }
    this.pos += this.buf.write(json, this.pos, "utf8");
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.pos++] = b;
  }

  /** A whole number below 2^53, as digits. */
  integer(value: number): void {
    this.reserve(24);
    if (value < 0) this.buf[this.pos++] = 45;
    this.pos = writeDigits(this.buf, this.pos, Math.abs(value));
  }

  /**
   * A comma (unless `first`) and `value` rounded half away from zero to `decimals` places, trailing
   * zeros dropped: the text of `publishedValue(value, decimals)`, which parses back to exactly that
   * double (the nearest one to the same decimal number). Non-finite values are JSON's null, as
   * JSON.stringify writes them.
   */
  published(value: number, decimals: number, scale: number, first: boolean): void {
    this.reserve(32);
    const buf = this.buf;
    let pos = this.pos;
    if (!first) buf[pos++] = 44;
    const n = Math.round(Math.abs(value) * scale);
    if (!(n < EXACT_DIGITS_LIMIT)) {
      this.pos = pos;
      this.raw(Number.isFinite(value) ? String(value) : "null");
      return;
    }
    if (n === 0) {
      buf[pos++] = ZERO;
      this.pos = pos;
      return;
    }
    if (value < 0) buf[pos++] = 45;
    // n / scale is within a quarter of 1/scale of its exact value below the limit, so the floor is exact.
    const whole = Math.floor(n / scale);
    pos = writeDigits(buf, pos, whole);
    let fraction = (n - whole * scale) | 0;
    if (fraction !== 0) {
      let digits = decimals;
      while (fraction % 10 === 0) {
        fraction /= 10;
        digits--;
      }
      buf[pos] = 46;
      for (let k = digits; k >= 1; k--) {
        const q = (fraction / 10) | 0;
        buf[pos + k] = ZERO + fraction - q * 10;
        fraction = q;
      }
      pos += digits + 1;
    }
    this.pos = pos;
  }
}

/**
 * Records to publish through a spec, written by the answer's writer itself: the same JSON text as
 * `JSON.stringify(publishRows(spec, records))`, without building the rounded objects first and
 * stringifying them (for POST /pathways that took as long as writing all the paths' series).
 */
export class SpecRows {
  constructor(
    readonly spec: PublishedTableSpec,
    readonly records: readonly object[],
  ) {}
}

interface SpecKey {
  prefix: string;
  key: string;
  decimals: number | undefined;
  scale: number;
}
const specKeys = new WeakMap<PublishedTableSpec, SpecKey[]>();
function keysOf(spec: PublishedTableSpec): SpecKey[] {
  let keys = specKeys.get(spec);
  if (!keys) {
    keys = spec.columns.map((c, i) => ({
      prefix: `${i === 0 ? "{" : ","}${JSON.stringify(c.key)}:`,
      key: c.key,
      decimals: c.decimals,
      scale: 10 ** (c.decimals ?? 0),
    }));
    specKeys.set(spec, keys);
  }
  return keys;
}

function writeSpecRows(w: JsonBytes, rows: SpecRows): void {
  const keys = keysOf(rows.spec);
  w.byte(91);
  rows.records.forEach((record, i) => {
    if (i > 0) w.byte(44);
    for (const { prefix, key, decimals, scale } of keys) {
      w.raw(prefix);
      const v = (record as Record<string, unknown>)[key];
      // As publishCell: absent and non-finite are null; numbers at the column's decimals; text and flags as they are.
      if (v === null || v === undefined) w.raw("null");
      else if (typeof v === "number") {
        if (!Number.isFinite(v)) w.raw("null");
        else if (decimals === undefined) w.raw(String(v));
        else w.published(v, decimals, scale, true);
      } else if (typeof v === "boolean") w.raw(v ? "true" : "false");
      else if (typeof v === "string") w.raw(JSON.stringify(v));
      else throw new Error(`column ${key}: a ${typeof v} cannot be published`);
    }
    if (keys.length === 0) w.byte(123);
    w.byte(125);
  });
  w.byte(93);
}

/** "00" to "99": two digits per division. */
const DIGIT_PAIRS = Uint8Array.from({ length: 200 }, (_, i) => ZERO + (i % 2 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));

function digitCount(n: number): number {
  let count = 1;
  for (let p = 10; p <= n; p *= 10) count++;
  return count;
}

/** The decimal digits of a whole number below 2^53 at `pos`; returns the position after them. */
function writeDigits(buf: Uint8Array, pos: number, whole: number): number {
  const after = pos + digitCount(whole);
  let end = after;
  let n = whole;
  // Above 2^31 the integer operators would wrap: those digits take floating division.
  while (n >= 0x80000000) {
    const q = Math.floor(n / 10);
    buf[--end] = ZERO + (n - q * 10);
    n = q;
  }
  let m = n | 0;
  while (m >= 100) {
    const q = (m / 100) | 0;
    const pair = (m - q * 100) << 1;
    buf[--end] = DIGIT_PAIRS[pair + 1] as number;
    buf[--end] = DIGIT_PAIRS[pair] as number;
    m = q;
  }
  if (m >= 10) {
    buf[--end] = DIGIT_PAIRS[(m << 1) + 1] as number;
    buf[--end] = DIGIT_PAIRS[m << 1] as number;
  } else buf[--end] = ZERO + m;
  return after;
}

const writer = new JsonBytes();
const COLUMN_PREFIXES = PATHWAY_SERIES_COLUMNS.map(({ key, from, decimals }, i) => ({
  prefix: `${i === 0 ? "" : ","}${JSON.stringify(key)}:[`,
  column: from,
  decimals,
  scale: 10 ** decimals,
}));

/**
 * The JSON answer of POST /pathways: `about` (summary, alliance sums, assumptions) with each ally's
 * path as parallel arrays under `pathways`, written straight from the typed arrays. It parses to
 * exactly `{ ...about, pathways: pathwaySeries(set) }`, a `SpecRows` value of `about` being written as
 * its published rows.
 */
export function pathwayAnswerJson(about: Record<string, unknown>, set: PathwaySet): Uint8Array {
  const w = writer;
  w.reset();
  w.byte(123);
  for (const [key, value] of Object.entries(about)) {
    if (value === undefined) continue;
    w.raw(`${JSON.stringify(key)}:`);
    if (value instanceof SpecRows) writeSpecRows(w, value);
    else w.raw(JSON.stringify(value));
    w.byte(44);
  }
  w.raw('"pathways":[');
  set.allies.forEach((p, i) => {
    w.raw(`${i === 0 ? "" : ","}{"ally":${JSON.stringify(p.ally)},"name":${JSON.stringify(p.name)},"years":[`);
    p.years.forEach((year, k) => {
      if (k > 0) w.byte(44);
      w.integer(year);
    });
    w.raw(
      `],"review_index":${p.reviewIndex},"target_index":${p.targetIndex},"gdp_source":${JSON.stringify(p.gdpSource)},"rate_source":${JSON.stringify(p.rateSource)},"columns":{`,
    );
    for (const { prefix, column, decimals, scale } of COLUMN_PREFIXES) {
      w.raw(prefix);
      const a = p.columns[column];
      for (let k = 0; k < a.length; k++) w.published(a[k] as number, decimals, scale, k === 0);
      w.byte(93);
    }
    w.raw("}}");
  });
  w.raw("]}");
  return w.take();
}

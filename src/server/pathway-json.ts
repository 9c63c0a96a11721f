import type { PathwaySet } from "../core/pathway.ts";
import type { ContextOptions, PathwayContext } from "../core/pathway-context.ts";
import { allianceRecords, PATHWAY_SERIES_COLUMNS, pathwaySummaryRecords, runPathwayRequest } from "../core/pathway-request.ts";
import { PATHWAY_ALLIANCE_SPEC, PATHWAY_SUMMARY_SPEC } from "../core/pathway-tables.ts";
import { EXACT_DIGITS_LIMIT } from "../core/published-precision.ts";
import type { PublishedTableSpec } from "../core/published-table/spec.ts";
import type { Dataset } from "../model/dataset.ts";
import type { PathwayRequest } from "../model/pathway.ts";

/** "00" to "99": two digits per division. */
const DIGIT_PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 48 + (i % 2 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));
const ASCII = new TextEncoder();

/** Short text encoded once as little-endian 32-bit words, so that it is copied four bytes a step. */
interface Encoded {
  /** Bytes of the text; the last word is padded past it. */
  length: number;
  words: Uint32Array;
}
function encoded(text: string): Encoded {
  const bytes = ASCII.encode(text);
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  return { length: bytes.length, words: new Uint32Array(padded.buffer) };
}

/**
 * A JSON writer into one reused byte buffer (answers are written synchronously, one at a time). It
 * prints a published figure from its rounded integer digits rather than asking the engine for the
 * shortest form of a double: that formatting, and encoding the text to UTF-8 after it, cost over ten
 * times the computation of the paths (measured: 1.2 ms of text for 0.1 ms of paths, all allies).
 *
 * The hot methods read no module-level constant (the tables are fields): the bundler that builds
 * dist/ turns a module's `const` into `var`, which V8 re-reads on every use.
 */
class JsonBytes {
  private buf = Buffer.allocUnsafeSlow(1 << 17);
  private view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  private pos = 0;
  /** The length of the last answer, to size the next one's buffer. */
  private last = 1 << 16;
  /** One number's digits, written right to left from the end. */
  private readonly digits = new Uint8Array(24);
  private readonly pairs = DIGIT_PAIRS;
  /** Below this the digits of the rounded integer are exact. */
  private readonly limit = EXACT_DIGITS_LIMIT;

  /**
   * Starts an answer in a buffer of its own, as large as the last answer and a quarter: the answer is
   * handed over without a copy (copying 94 KB, and allocating the copy, took a quarter of the writing).
   */
  reset(): void {
    this.buf = Buffer.allocUnsafeSlow(Math.max(4096, Math.ceil(this.last * 1.25)));
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    this.pos = 0;
  }

  /** What was written; the writer starts a new buffer at the next reset. Slack beyond a quarter is trimmed by a copy. */
  take(): Uint8Array {
    this.last = this.pos;
    if (this.buf.length > this.pos * 1.25 + 4096) return Buffer.from(this.buf.subarray(0, this.pos));
    return this.buf.subarray(0, this.pos);
  }

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
    this.view = new DataView(bigger.buffer, bigger.byteOffset, bigger.byteLength);
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

  /** Bytes encoded once (an ally's fixed text, a hundred bytes and more). */
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** A key and its punctuation, four bytes a step (the bytes past its end are written over next). */
  key(e: Encoded): void {
    const words = e.words;
    const n = words.length;
    this.reserve(n * 4);
    const view = this.view;
    const pos = this.pos;
    for (let i = 0; i < n; i++) view.setUint32(pos + i * 4, words[i] as number, true);
    this.pos = pos + e.length;
  }

  /**
   * A string as JSON.stringify writes it. Printable ASCII without a quote or backslash (codes, names,
   * flags) is copied as it is between quotes; anything else goes through JSON.stringify.
   */
  string(text: string): void {
    const length = text.length;
    this.reserve(length + 2);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = 34;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code < 32 || code > 126 || code === 34 || code === 92) {
        this.raw(JSON.stringify(text));
        return;
      }
      buf[pos++] = code;
    }
    buf[pos++] = 34;
    this.pos = pos;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.pos++] = b;
  }

  /** A whole number below 2^51, as digits. */
  integer(value: number): void {
    this.reserve(24);
    const buf = this.buf;
    let pos = this.pos;
    if (value < 0) buf[pos++] = 45;
    const d = this.digits;
    for (let i = digitsOf(d, Math.abs(value), this.pairs); i < 24; i++) buf[pos++] = d[i] as number;
    this.pos = pos;
  }

  /**
   * `value` rounded half away from zero to `decimals` places, trailing zeros dropped: the text of
   * `publishedValue(value, decimals)`, which parses back to exactly that double (the nearest one to the
   * same decimal number). Non-finite values are JSON's null, as JSON.stringify writes them.
   */
  published(value: number, decimals: number, scale: number): void {
    this.reserve(48);
    const after = writePublished(this.buf, this.pos, value, decimals, scale, this.digits, this.pairs, this.limit);
    if (after >= 0) this.pos = after;
    else this.raw(Number.isFinite(value) ? String(value) : "null");
  }

  /**
   * A column of figures, comma-separated, as `published` writes each: room is reserved once and the
   * loop runs in a plain function over locals (a method call per figure took twice as long).
   */
  column(a: Float64Array, decimals: number, scale: number): void {
    this.reserve(a.length * 48);
    const { digits, pairs, limit } = this;
    let pos = this.pos;
    for (let k = 0; k < a.length; k++) {
      const value = a[k] as number;
      if (k > 0) this.buf[pos++] = 44;
      const after = writePublished(this.buf, pos, value, decimals, scale, digits, pairs, limit);
      if (after >= 0) pos = after;
      else {
        this.pos = pos;
        this.raw(Number.isFinite(value) ? String(value) : "null");
        this.reserve((a.length - k) * 48);
        pos = this.pos;
      }
    }
    this.pos = pos;
  }
}

/**
 * `value` rounded half away from zero to `decimals` places, trailing zeros dropped, at `pos`; returns
 * the position after it, or −1 when the rounded integer is beyond `limit` (or not finite) and the
 * engine's own text must be written instead. Below 2^31 (every share and almost every amount) the
 * whole and fractional parts are split with 32-bit arithmetic and their digits written in place,
 * right to left; above, the rounded integer's digits go through `d` and the point is placed
 * `decimals` digits from their end.
 */
function writePublished(
  buf: Uint8Array,
  pos: number,
  value: number,
  decimals: number,
  scale: number,
  d: Uint8Array,
  pairs: Uint8Array,
  limit: number,
): number {
  const n = Math.round(Math.abs(value) * scale);
  if (!(n < limit)) return -1;
  if (n === 0) {
    buf[pos] = 48;
    return pos + 1;
  }
  if (value < 0) buf[pos++] = 45;
  if (n >= 2147483648) return writeLarge(buf, pos, n, decimals, d, pairs);
  // n < 2^31: n / scale is at least 1/(n + scale) (relatively) from the next whole number, far more
  // than a double's rounding error, so truncating the quotient is exact.
  const whole = (n / scale) | 0;
  let frac = (n - whole * scale) | 0;
  pos = writeUint(buf, pos + digitCount(whole), whole, pairs);
  if (frac === 0) return pos;
  let places = decimals;
  for (let q = (frac / 10) | 0; q * 10 === frac; q = (frac / 10) | 0) {
    frac = q;
    places--;
  }
  buf[pos] = 46;
  const end = pos + 1 + places;
  for (let i = end - digitCount(frac) - 1; i > pos; i--) buf[i] = 48;
  return writeUint(buf, end, frac, pairs);
}

/** How many decimal digits a whole number below 2^31 has. */
function digitCount(v: number): number {
  if (v < 100000) return v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : 5;
  return v < 1000000 ? 6 : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
}

/** The digits of a whole number below 2^31 ending just before `end`, two per division; returns `end`. */
function writeUint(buf: Uint8Array, end: number, v: number, pairs: Uint8Array): number {
  let i = end;
  let r = v;
  while (r >= 100) {
    const q = (r / 100) | 0;
    const pair = (r - q * 100) << 1;
    buf[--i] = pairs[pair + 1] as number;
    buf[--i] = pairs[pair] as number;
    r = q;
  }
  if (r >= 10) {
    buf[--i] = pairs[(r << 1) + 1] as number;
    buf[--i] = pairs[r << 1] as number;
  } else buf[--i] = 48 + r;
  return end;
}

/** `writePublished` for a rounded integer from 2^31 up to 2^51: its digits through `d`, the point `decimals` from their end. */
function writeLarge(buf: Uint8Array, pos: number, n: number, decimals: number, d: Uint8Array, pairs: Uint8Array): number {
  const start = digitsOf(d, n, pairs);
  const point = 24 - decimals;
  let end = 24;
  while (end > point && d[end - 1] === 48) end--;
  if (start < point) for (let i = start; i < point; i++) buf[pos++] = d[i] as number;
  else buf[pos++] = 48;
  if (end > point) {
    buf[pos++] = 46;
    for (let i = point; i < start; i++) buf[pos++] = 48;
    for (let i = start > point ? start : point; i < end; i++) buf[pos++] = d[i] as number;
  }
  return pos;
}

/**
 * The decimal digits of a whole number below 2^51 at the end of `d` (24 bytes); returns the index of
 * the first. Two digits per step with 32-bit arithmetic: above 2^31 the low eight digits are split off
 * first, so every division is an integer one.
 */
function digitsOf(d: Uint8Array, whole: number, pairs: Uint8Array): number {
  let i = 24;
  let m = whole;
  if (m >= 2147483648) {
    const high = Math.floor(m / 100000000);
    let low = (m - high * 100000000) | 0;
    for (let k = 0; k < 4; k++) {
      const q = (low / 100) | 0;
      const pair = (low - q * 100) << 1;
      d[--i] = pairs[pair + 1] as number;
      d[--i] = pairs[pair] as number;
      low = q;
    }
    m = high;
  }
  const r = m | 0;
  writeUint(d, i, r, pairs);
  return i - digitCount(r);
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
  prefix: Encoded;
  key: string;
  decimals: number | undefined;
  scale: number;
}
const specKeys = new WeakMap<PublishedTableSpec, SpecKey[]>();
function keysOf(spec: PublishedTableSpec): SpecKey[] {
  let keys = specKeys.get(spec);
  if (!keys) {
    keys = spec.columns.map((c, i) => ({
      prefix: encoded(`${i === 0 ? "{" : ","}${JSON.stringify(c.key)}:`),
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
      w.key(prefix);
      const v = (record as Record<string, unknown>)[key];
      // As publishCell: absent and non-finite are null; numbers at the column's decimals; text and flags as they are.
      if (v === null || v === undefined) w.raw("null");
      else if (typeof v === "number") {
        if (!Number.isFinite(v)) w.raw("null");
        else if (decimals === undefined) w.raw(String(v));
        else w.published(v, decimals, scale);
      } else if (typeof v === "boolean") w.raw(v ? "true" : "false");
      else if (typeof v === "string") w.string(v);
      else throw new Error(`column ${key}: a ${typeof v} cannot be published`);
    }
    if (keys.length === 0) w.byte(123);
    w.byte(125);
  });
  w.byte(93);
}

const writer = new JsonBytes();
const COLUMN_PREFIXES = PATHWAY_SERIES_COLUMNS.map(({ key, from, decimals }, i) => ({
  prefix: encoded(`${i === 0 ? "" : ","}${JSON.stringify(key)}:[`),
  column: from,
  decimals,
  scale: 10 ** decimals,
}));

/** The parts of an ally's entry that come from its pathway context, not from the request. */
interface AllyFrame {
  ally: string;
  name: string;
  gdpSource: object;
  rateSource: object;
  /** `{"ally":…,"name":…,"years":[…],"review_index":` */
  head: Uint8Array;
  /** `,"gdp_source":[…],"rate_source":[…],"columns":{` */
  tail: Uint8Array;
}
const TARGET_INDEX = encoded(',"target_index":');

/**
 * An ally's fixed text, encoded once per pathway context: its years and sources belong to the context
 * (memoised by the server), so they are the same objects from one request to the next. Keyed by the
 * years and checked against the rest, so that a path whose name or sources were replaced is written as it is.
 */
const framesOf = new WeakMap<Int32Array, AllyFrame>();
function frameOf(p: PathwaySet["allies"][number]): AllyFrame {
  const known = framesOf.get(p.years);
  if (known && known.ally === p.ally && known.name === p.name && known.gdpSource === p.gdpSource && known.rateSource === p.rateSource)
    return known;
  const frame: AllyFrame = {
    ally: p.ally,
    name: p.name,
    gdpSource: p.gdpSource,
    rateSource: p.rateSource,
    head: ASCII.encode(`{"ally":${JSON.stringify(p.ally)},"name":${JSON.stringify(p.name)},"years":[${p.years.join(",")}],"review_index":`),
    tail: ASCII.encode(`,"gdp_source":${JSON.stringify(p.gdpSource)},"rate_source":${JSON.stringify(p.rateSource)},"columns":{`),
  };
  framesOf.set(p.years, frame);
  return frame;
}

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
    const frame = frameOf(p);
    if (i > 0) w.byte(44);
    w.bytes(frame.head);
    w.integer(p.reviewIndex);
    w.key(TARGET_INDEX);
    w.integer(p.targetIndex);
    w.bytes(frame.tail);
    for (const { prefix, column, decimals, scale } of COLUMN_PREFIXES) {
      w.key(prefix);
      w.column(p.columns[column], decimals, scale);
      w.byte(93);
    }
    w.raw("}}");
  });
  w.raw("]}");
  return w.take();
}

/**
 * POST /pathways' JSON answer to a validated request: the vintages, each ally's summary, the alliance
 * sums, what is excluded and assumed, and each ally's path as parallel arrays (a third of the bytes of
 * one object per row).
 */
export function pathwayAnswer(
  ds: Dataset,
  input: PathwayRequest,
  prepare: (ds: Dataset, opts: ContextOptions) => PathwayContext,
): Uint8Array {
  const set = runPathwayRequest(ds, input, prepare);
  const about = {
    vintage: set.vintageId,
    imf_vintage: set.imfVintageId,
    summary: new SpecRows(PATHWAY_SUMMARY_SPEC, pathwaySummaryRecords(set)),
    alliance: new SpecRows(PATHWAY_ALLIANCE_SPEC, allianceRecords(set)),
    excluded: set.excluded,
    assumptions: set.assumptions,
  };
  return pathwayAnswerJson(about, set);
}

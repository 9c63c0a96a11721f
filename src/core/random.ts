/**
 * Seeded randomness for the simulation: sfc32 (a small, fast 32-bit generator that passes
 * PractRand) seeded through splitmix32. Integer arithmetic only (Math.imul, >>> 0), so the same seed
 * gives the same numbers in every engine, in Node and in the browser.
 */

function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [s, (z ^ (z >>> 16)) >>> 0];
}

/** FNV-1a of a stream name: gives each ally its own stream whatever order allies come in. */
export function streamId(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;

/**
 * Ziggurat tables (Marsaglia & Tsang, 2000; 128 layers). The layer index comes from the low 7 bits and
 * the value from the upper 25 bits of the same word, so index and value never share bits (the flaw
 * Doornik found in the original).
 */
const LAYERS = 128;
const R = 3.442619855899;
const SCALE = 16777216; // 2^24: the 25-bit signed value's range
const KN = new Int32Array(LAYERS);
const WN = new Float64Array(LAYERS);
const FN = new Float64Array(LAYERS);
{
  const vn = 9.91256303526217e-3;
  let dn = R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * SCALE);
  KN[1] = 0;
  WN[0] = q / SCALE;
  WN[LAYERS - 1] = dn / SCALE;
  FN[0] = 1;
  FN[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * SCALE);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / SCALE;
  }
}

/**
 * The ziggurat's fast path over a block (one 32-bit word, one table lookup, one multiply), with the
 * generator state and the tables in locals. Every draw is written as if it passed; a miss (about 1 in
 * 40) is noted branch-free, its index in `pending` and its word in `words`, and finished afterwards.
 * A branch here would be mispredicted often enough to make the loop three times slower; a plain
 * function, because V8 optimises this loop three times better outside a method.
 */
function fillFast(out: Float64Array, st: Int32Array, pending: Int32Array, words: Int32Array, kn: Int32Array, wn: Float64Array): number {
  let a = st[0] as number;
  let b = st[1] as number;
  let c = st[2] as number;
  let d = st[3] as number;
  const n = out.length;
  let slow = 0;
  for (let i = 0; i < n; i++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    const iz = t & 127;
    const j = t >> 7;
    const sign = j >> 31;
    out[i] = j * (wn[iz] as number);
    pending[slow] = i;
    words[slow] = t;
    slow += (((j ^ sign) - sign >= (kn[iz] as number)) as unknown as number) | 0;
  }
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
  return slow;
}

/**
 * The ziggurat's rare path for the draws `fillFast` noted (the wedges and the tail beyond R), in order,
 * from the same stream, with the state in locals: as a method reading and writing the state per word it
 * cost as much as the whole fast path. `sfc32` is written out where a word is drawn.
 */
function finishMisses(out: Float64Array, pending: Int32Array, words: Int32Array, slow: number, st: Int32Array): void {
  // Module constants in locals: a bundler makes them `var`, which V8 re-reads on every use.
  const kn = KN;
  const wn = WN;
  const fn = FN;
  const r = R;
  const range = TWO_POW_32;
  let a = st[0] as number;
  let b = st[1] as number;
  let c = st[2] as number;
  let d = st[3] as number;
  for (let m = 0; m < slow; m++) {
    let t = words[m] as number;
    let value: number;
    for (;;) {
      const iz = t & 127;
      const j = t >> 7;
      const x = j * (wn[iz] as number);
      if (Math.abs(j) < (kn[iz] as number)) {
        value = x;
        break;
      }
      if (iz === 0) {
        let xt: number;
        let yt: number;
        do {
          let w = (((a + b) | 0) + d) | 0;
          d = (d + 1) | 0;
          a = b ^ (b >>> 9);
          b = (c + (c << 3)) | 0;
          c = (((c << 21) | (c >>> 11)) + w) | 0;
          xt = -Math.log(((w >>> 0) + 0.5) / range) / r;
          w = (((a + b) | 0) + d) | 0;
          d = (d + 1) | 0;
          a = b ^ (b >>> 9);
          b = (c + (c << 3)) | 0;
          c = (((c << 21) | (c >>> 11)) + w) | 0;
          yt = -Math.log(((w >>> 0) + 0.5) / range);
        } while (yt + yt < xt * xt);
        value = j > 0 ? r + xt : -r - xt;
        break;
      }
      let w = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + w) | 0;
      const u = ((w >>> 0) + 0.5) / range;
      if ((fn[iz] as number) + u * ((fn[iz - 1] as number) - (fn[iz] as number)) < Math.exp(-0.5 * x * x)) {
        value = x;
        break;
      }
      w = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + w) | 0;
      t = w;
    }
    out[pending[m] as number] = value;
  }
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
}

/** A generator of standard normal draws, filled in blocks (the simulation's inner loop reads the block). */
export class NormalStream {
  /** sfc32's four words. An Int32Array keeps them untagged 32-bit integers for the JIT. */
  private readonly state = new Int32Array(4);
  private pending = new Int32Array(256);
  private words = new Int32Array(256);

  constructor(seed: number, stream: number) {
    let s = (seed ^ Math.imul(stream, 0x27d4eb2d)) | 0;
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(s ^ (i === 1 ? stream : 0));
      s = next;
      this.state[i] = out;
    }
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const st = this.state;
    const a = st[0] as number;
    const b = st[1] as number;
    const c = st[2] as number;
    const d = st[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    st[3] = d + 1;
    st[0] = b ^ (b >>> 9);
    st[1] = c + (c << 3);
    st[2] = ((c << 21) | (c >>> 11)) + t;
    return t >>> 0;
  }

  /** Uniform on (0, 1), never exactly 0 or 1. */
  nextUniform(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  /**
   * Fills `out` with standard normal draws. The fast path (one 32-bit word, one table lookup, one
   * multiply) runs in a tight loop with the state in locals; the rare draws that miss it are noted
   * and finished after the loop, from the same stream, so the sequence stays deterministic.
   */
  fill(out: Float64Array): void {
    // One more than the block: the loop writes each draw's index before knowing whether it missed.
    if (this.pending.length <= out.length) {
      this.pending = new Int32Array(out.length + 1);
      this.words = new Int32Array(out.length + 1);
    }
    const slow = fillFast(out, this.state, this.pending, this.words, KN, WN);
    finishMisses(out, this.pending, this.words, slow, this.state);
  }
}

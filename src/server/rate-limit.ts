import type { Store } from "../store/index.ts";
import { takeSharedToken } from "../store/shared-rate-limits.ts";
/**
 * Token buckets per (kind, key), key being the API token's id or the client address. In memory: with
 * several instances behind a balancer each enforces its own share (stated in docs/server.md).
 * The map is bounded: the oldest idle buckets are dropped first.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => performance.now(),
    private readonly maxKeys = 50_000,
  ) {}

  /** Seconds to wait, or 0 when the request may go ahead; `cost` tokens are taken (an expensive read costs more). */
  take(key: string, cost = 1): number {
    if (this.perMinute === 0) return 0;
    const t = this.now();
    const rate = this.perMinute / 60_000;
    // A full minute's allowance may be used at once (a person retrying a sign-in, a script's batch);
    // it then refills continuously at perMinute / 60 s.
    const burst = this.perMinute;
    let b = this.buckets.get(key);
    if (b) this.buckets.delete(key);
    else b = { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + (t - b.at) * rate);
    b.at = t;
    this.buckets.set(key, b);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    const need = Math.min(cost, burst);
    if (b.tokens >= need) {
      b.tokens -= need;
      return 0;
    }
    return Math.ceil((need - b.tokens) / rate / 1000);
  }
}

export interface Limiters {
  read: RateLimiter;
  compute: RateLimiter;
  write: RateLimiter;
  /** Sign-ins and refused bearer tokens, per client address. */
  login: RateLimiter;
  /** Sign-ins per account name, whatever the address. */
  loginPerAccount: RateLimiter;
}

const limitersByConfig = new WeakMap<object, Limiters>();

/** The limiters of one server (one per config object), made on first use. */
export function limitersFor(config: {
  rateLimits: { read: number; compute: number; write: number; login: number; loginPerAccount: number };
}): Limiters {
  let l = limitersByConfig.get(config);
  if (!l) {
    const r = config.rateLimits;
    l = {
      read: new RateLimiter(r.read),
      compute: new RateLimiter(r.compute),
      write: new RateLimiter(r.write),
      login: new RateLimiter(r.login),
      loginPerAccount: new RateLimiter(r.loginPerAccount),
    };
    limitersByConfig.set(config, l);
  }
  return l;
}

/**
 * Takes a token of limit `kind` for `key`: from PostgreSQL when it is the store, so that N instances
 * enforce one limit; from this instance's memory on SQLite, or when the database cannot be reached
 * (the instance's own count still bounds the client then).
 */
export async function takeToken(
  deps: { store: Store; config: Parameters<typeof limitersFor>[0] },
  kind: keyof Limiters,
  key: string,
  cost = 1,
): Promise<number> {
  const local = limitersFor(deps.config)[kind];
  if (deps.store.dialect !== "postgres") return local.take(key, cost);
  try {
    return await takeSharedToken(deps.store, `${kind}|${key}`, deps.config.rateLimits[kind], cost);
  } catch {
    return local.take(key, cost);
  }
}

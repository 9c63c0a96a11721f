import { createHash } from "node:crypto";

export interface CachedResponse {
  body: Uint8Array;
  type: string;
  /** Empty for answers to POST requests, which no HTTP cache revalidates. */
  etag: string;
  disposition: string | null;
}

/**
 * Answers of the read endpoints depend only on the bundled dataset and the request, so they are kept
 * by URL (and negotiated format) in a bounded LRU: a repeated read costs a map lookup.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;
  /** Keys answered once and not kept (the admission filter); bounded, forgotten all at once when full. */
  private readonly seenOnce = new Set<string>();

  /**
   * `admitOnRepeat`: keep an answer only when its key comes a second time. Compute answers (a pathway
   * for every ally is 94 KB) are mostly asked once; keeping each filled the cache with answers nobody
   * asked for again and, measured under load with every body new, the server answered 13–30 % fewer
   * requests (4 pairs of runs in alternation; the garbage collector walked tens of megabytes of
   * retained answers). A repeat costs one more computation, then is a hit.
   */
  constructor(
    private readonly maxEntries = 2000,
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly withEtags = true,
    private readonly admitOnRepeat = false,
  ) {}

  get(key: string): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, body: Uint8Array, type: string, disposition: string | null = null): CachedResponse {
    const etag = this.withEtags ? `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"` : "";
    const entry = { body, type, disposition, etag };
    if (body.length > this.maxBytes / 8) return entry;
    if (this.admitOnRepeat && !this.seenOnce.delete(key)) {
      if (this.seenOnce.size >= this.maxEntries * 8) this.seenOnce.clear();
      this.seenOnce.add(key);
      return entry;
    }
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.body.length;
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.bytes += body.length;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      const e = this.entries.get(oldest.value);
      this.bytes -= e?.body.length ?? 0;
      this.entries.delete(oldest.value);
    }
    return entry;
  }

  /** Forgets every answer (the data behind them changed). */
  clear(): void {
    this.entries.clear();
    this.seenOnce.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A 200 answer produced as bytes: kept as it is, without a trip through a Response body stream. */
export interface AnswerBytes {
  body: Uint8Array;
  type: string;
  disposition?: string | null;
}

/** The cached answer for `key`; on a miss, `produce` runs and a 200 is kept (anything else is passed on as is). */
export async function cachedOr(
  cache: ResponseCache,
  key: string,
  produce: () => Promise<Response | AnswerBytes>,
): Promise<CachedResponse | Response> {
  const hit = cache.get(key);
  if (hit) return hit;
  const res = await produce();
  if (!(res instanceof Response)) return cache.set(key, res.body, res.type, res.disposition ?? null);
  if (res.status !== 200) return res;
  const type = res.headers.get("content-type") ?? "application/octet-stream";
  return cache.set(key, new Uint8Array(await res.arrayBuffer()), type, res.headers.get("content-disposition"));
}

/** Content type and, for downloads, the file name of a cached answer. */
export function cachedHeaders(entry: CachedResponse): Record<string, string> {
  const headers: Record<string, string> = { "content-type": entry.type };
  if (entry.disposition) headers["content-disposition"] = entry.disposition;
  return headers;
}

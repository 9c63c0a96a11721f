import type { Context } from "hono";
import type { AppEnv } from "./server-env.ts";

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
function normalise(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

/**
 * The client's address for rate limits and the audit log. The TCP peer, unless the peer is one of the
 * configured trusted proxies (`--trusted-proxy`): then X-Forwarded-For is read from the right, skipping
 * trusted proxies, and the first other address is the client. A header from anyone else is ignored,
 * so a client cannot choose its own address.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const peer = normalise(incoming?.socket?.remoteAddress ?? "local");
  const trusted = c.get("deps").config.trustedProxies;
  if (trusted.length === 0 || !trusted.includes(peer)) return peer;
  const forwarded = c.req.header("x-forwarded-for");
  if (!forwarded) return peer;
  // At most 32 hops are read: the header's length is the client's to choose.
  const hops = forwarded.split(",").slice(-32).map(normalise).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.includes(hops[i] as string)) return (hops[i] as string).slice(0, 64);
  return hops[0] ?? peer;
}

import { describe, expect, it } from "vitest";
import { cachedOr, ResponseCache } from "./response-cache.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("the response cache", () => {
  it("keeps the most recent answers within its entry and byte limits", () => {
    const cache = new ResponseCache(2, 1024, false);
    cache.set("a", bytes("A"), "text/plain");
    cache.set("b", bytes("B"), "text/plain");
    cache.get("a"); // a is now the most recent
    cache.set("c", bytes("C"), "text/plain");
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.body).toEqual(bytes("A"));
    expect(cache.get("c")?.body).toEqual(bytes("C"));
  });

  it("admitting on repeat: an answer asked once is not kept; asked again, it is kept and then served", async () => {
    const cache = new ResponseCache(10, 1024 * 1024, false, true);
    let computed = 0;
    const produce = async () => {
      computed++;
      return { body: bytes(`answer ${computed}`), type: "application/json" };
    };
    await cachedOr(cache, "pathways|json|{corePct:3.1}", produce);
    expect(cache.size).toBe(0);
    await cachedOr(cache, "pathways|json|{corePct:3.1}", produce);
    expect(cache.size).toBe(1);
    const third = await cachedOr(cache, "pathways|json|{corePct:3.1}", produce);
    expect(computed).toBe(2);
    expect(new TextDecoder().decode(third.body as Uint8Array)).toBe("answer 2");
  });

  it("admitting on repeat: the record of keys seen once is bounded, and cleared with the cache", () => {
    const cache = new ResponseCache(2, 1024 * 1024, false, true);
    // 16 keys fill the record (8 × the entries); the 17th starts it afresh, so the first is forgotten.
    for (let i = 0; i <= 16; i++) cache.set(`k${i}`, bytes("x"), "text/plain");
    cache.set("k0", bytes("x"), "text/plain");
    expect(cache.size).toBe(0);
    cache.set("k16", bytes("x"), "text/plain");
    expect(cache.size).toBe(1);
    cache.set("k1", bytes("x"), "text/plain");
    cache.clear();
    cache.set("k1", bytes("x"), "text/plain");
    expect(cache.size).toBe(0);
  });
});

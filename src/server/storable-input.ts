import type { MiddlewareHandler } from "hono";
import { UNSTORABLE_MESSAGE, unstorableField } from "../store/storable-text.ts";
import { ApiError } from "./api-error.ts";
import type { AppEnv } from "./server-env.ts";

/**
 * Refuses, with 400 naming the field, any query parameter or JSON body string that a database could
 * not store (NUL, unpaired surrogates): SQLite and PostgreSQL then accept exactly the same requests,
 * and no such text reaches a query. Runs after the body limit, before the route's own schema.
 */
export function storableInput(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    for (const [name, values] of Object.entries(c.req.queries())) {
      const bad = unstorableField({ [name]: values.length === 1 ? values[0] : values });
      if (bad) throw new ApiError(400, "invalid", `${name}: ${UNSTORABLE_MESSAGE}`, name);
    }
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim();
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && type === "application/json") {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        // Malformed JSON: the route's validator answers it.
        return next();
      }
      const bad = unstorableField(body);
      if (bad) throw new ApiError(400, "invalid", `${bad}: ${UNSTORABLE_MESSAGE}`, bad);
    }
    await next();
  };
}

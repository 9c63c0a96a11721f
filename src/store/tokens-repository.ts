import { randomBytes } from "node:crypto";
import type { User } from "../model/plan.ts";
import { writeAudit } from "./audit.ts";
import { isoNow, type Store } from "./database.ts";
import { randomSecret, sha256Hex } from "./secrets.ts";
import { isStorableText, UNSTORABLE_MESSAGE } from "./storable-text.ts";
import { StoreError } from "./store-error.ts";
import { checkActor, inTransaction } from "./transaction.ts";
import { userFromRow } from "./users-repository.ts";

export interface ApiTokenInfo {
  id: string;
  userId: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Creates a token for `userId`. The plain token is returned once and stored only as its sha256. */
export async function createApiToken(
  store: Store,
  userId: string,
  label: string,
  actor: string,
): Promise<ApiTokenInfo & { token: string }> {
  checkActor(actor);
  if (typeof label !== "string" || label.trim() === "" || label.length > 200) throw new StoreError("invalid", "1-200 characters", "label");
  if (!isStorableText(label)) throw new StoreError("invalid", UNSTORABLE_MESSAGE, "label");
  const token = randomSecret();
  const info: ApiTokenInfo = { id: randomBytes(8).toString("hex"), userId, label: label.trim(), createdAt: isoNow(store), revokedAt: null };
  await inTransaction(store, async (trx) => {
    const user = await trx.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst();
    if (!user) throw new StoreError("not_found", `no user ${userId}`, "userId");
    await trx
      .insertInto("api_tokens")
      .values({
        id: info.id,
        user_id: userId,
        token_hash: sha256Hex(token),
        label: info.label,
        created_at: info.createdAt,
        revoked_at: null,
      })
      .execute();
    await writeAudit(trx, info.createdAt, {
      actor,
      action: "token.create",
      entity: "api_token",
      entityId: info.id,
      before: null,
      after: info,
    });
  });
  return { ...info, token };
}

/** The token's user when the token exists, is not revoked and the user is enabled; otherwise null. */
export async function verifyApiToken(store: Store, token: string): Promise<User | null> {
  if (typeof token !== "string" || token.length < 20 || token.length > 200) return null;
  // Looked up by hash: the lookup never compares the secret itself, so there is no timing oracle on it.
  const row = await store.db
    .selectFrom("api_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .selectAll("u")
    .where("t.token_hash", "=", sha256Hex(token))
    .where("t.revoked_at", "is", null)
    .executeTakeFirst();
  if (!row || Number(row.disabled) !== 0) return null;
  return userFromRow(row);
}

export async function revokeApiToken(store: Store, tokenId: string, actor: string): Promise<ApiTokenInfo> {
  checkActor(actor);
  return inTransaction(store, async (trx) => {
    const row = await trx.selectFrom("api_tokens").selectAll().where("id", "=", tokenId).executeTakeFirst();
    if (!row) throw new StoreError("not_found", `no API token ${tokenId}`, "tokenId");
    const before = infoFromRow(row);
    if (before.revokedAt !== null) return before;
    const at = isoNow(store);
    await trx.updateTable("api_tokens").set({ revoked_at: at }).where("id", "=", tokenId).execute();
    const after = { ...before, revokedAt: at };
    await writeAudit(trx, at, { actor, action: "token.revoke", entity: "api_token", entityId: tokenId, before, after });
    return after;
  });
}

export async function listApiTokens(store: Store, userId: string): Promise<ApiTokenInfo[]> {
  const rows = await store.db
    .selectFrom("api_tokens")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(infoFromRow);
}

function infoFromRow(row: { id: string; user_id: string; label: string; created_at: string; revoked_at: string | null }): ApiTokenInfo {
  return { id: row.id, userId: row.user_id, label: row.label, createdAt: row.created_at, revokedAt: row.revoked_at };
}

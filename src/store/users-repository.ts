import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { NewUserSchema, type Role, RoleSchema, type User, UserSchema } from "../model/plan.ts";
import { writeAudit } from "./audit.ts";
import { isoNow, type Store } from "./database.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import type { Database, UsersTable } from "./schema.ts";
import { invalidInput, isUniqueViolation, StoreError } from "./store-error.ts";
import { checkActor, inTransaction } from "./transaction.ts";

export function userFromRow(row: UsersTable): User {
  return UserSchema.parse({
    id: row.id,
    name: row.name,
    role: row.role,
    allies: JSON.parse(row.allies),
    createdAt: row.created_at,
    disabled: Number(row.disabled) === 1,
  });
}

/** What the audit log records of a user: never the password hash. */
const auditView = (u: User) => ({ id: u.id, name: u.name, role: u.role, allies: u.allies, disabled: u.disabled });

export async function createUser(store: Store, input: unknown, actor: string): Promise<User> {
  checkActor(actor);
  const parsed = NewUserSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error, "the user");
  const { name, password, role, allies } = parsed.data;
  const passwordHash = await hashPassword(password);
  const at = isoNow(store);
  const user: User = { id: randomUUID(), name, role, allies: [...new Set(allies)].sort(), createdAt: at, disabled: false };
  try {
    await inTransaction(store, async (trx) => {
      await trx
        .insertInto("users")
        .values({ id: user.id, name, password_hash: passwordHash, role, allies: JSON.stringify(user.allies), created_at: at, disabled: 0 })
        .execute();
      await writeAudit(trx, at, { actor, action: "user.create", entity: "user", entityId: user.id, before: null, after: auditView(user) });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreError("conflict", `a user named "${name}" already exists`, "name");
    throw error;
  }
  return user;
}

export async function getUser(store: Store | { db: Kysely<Database> }, id: string): Promise<User | null> {
  const row = await store.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? userFromRow(row) : null;
}

export async function getUserByName(store: Store, name: string): Promise<User | null> {
  const row = await store.db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirst();
  return row ? userFromRow(row) : null;
}

export async function listUsers(store: Store): Promise<User[]> {
  const rows = await store.db.selectFrom("users").selectAll().orderBy("name", "asc").execute();
  return rows.map(userFromRow);
}

// A hash of a password nobody has, so an unknown name costs as much time as a wrong password.
let decoyHash: Promise<string> | undefined;

/** The user when the name and password match and the account is enabled; otherwise null (no reason given). */
export async function authenticate(store: Store, name: string, password: string): Promise<User | null> {
  const row = await store.db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirst();
  if (!row) {
    decoyHash ??= hashPassword("decoy password that matches nothing");
    await verifyPassword(password, await decoyHash);
    return null;
  }
  const ok = await verifyPassword(password, row.password_hash);
  return ok && Number(row.disabled) === 0 ? userFromRow(row) : null;
}

export interface UserChanges {
  role?: Role;
  allies?: string[];
  disabled?: boolean;
}

export async function updateUser(store: Store, id: string, changes: UserChanges, actor: string): Promise<User> {
  checkActor(actor);
  if (changes.role !== undefined && !RoleSchema.safeParse(changes.role).success)
    throw new StoreError("invalid", "admin, editor or reader", "role");
  return inTransaction(store, async (trx) => {
    const before = await getUser({ db: trx }, id);
    if (!before) throw new StoreError("not_found", `no user ${id}`, "id");
    const role = changes.role ?? before.role;
    const allies = changes.allies ? [...new Set(changes.allies)].sort() : role === "editor" ? before.allies : [];
    const checked = UserSchema.safeParse({ ...before, role, allies, disabled: changes.disabled ?? before.disabled });
    if (!checked.success) throw invalidInput(checked.error, "the user");
    const after = checked.data;
    await trx
      .updateTable("users")
      .set({ role: after.role, allies: JSON.stringify(after.allies), disabled: after.disabled ? 1 : 0 })
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, isoNow(store), {
      actor,
      action: "user.update",
      entity: "user",
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

export async function setPassword(store: Store, id: string, password: string, actor: string): Promise<void> {
  checkActor(actor);
  if (typeof password !== "string" || password.length < 12 || password.length > 1024)
    throw new StoreError("invalid", "at least 12 and at most 1024 characters", "password");
  const hash = await hashPassword(password);
  await inTransaction(store, async (trx) => {
    const result = await trx.updateTable("users").set({ password_hash: hash }).where("id", "=", id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new StoreError("not_found", `no user ${id}`, "id");
    // Sessions end with a password change; API tokens stay (revoke them separately).
    await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
    await writeAudit(trx, isoNow(store), { actor, action: "user.password", entity: "user", entityId: id, before: null, after: null });
  });
}

import type { Command } from "commander";
import { UsageError } from "../cli-io.ts";
import { type CommandContext, withExamples } from "../context.ts";

/** Who the audit log records for changes made from the command line on the server machine. */
const CLI_ACTOR = "cli";

export interface StoreOptions {
  dataDir: string;
  databaseUrl?: string;
}

export function withStoreOptions(cmd: Command): Command {
  return cmd
    .option("--data-dir <dir>", "folder of the embedded database", ".pledge")
    .option("--database-url <url>", "postgres://… (default: $DATABASE_URL, else the embedded database)");
}

async function openFrom(ctx: CommandContext, o: StoreOptions) {
  const { openStore } = await import("../../store/index.ts");
  const url = o.databaseUrl ?? ctx.io.env.DATABASE_URL;
  return openStore({ ...(url ? { url } : {}), dataDir: o.dataDir });
}

export async function withStore<T>(
  ctx: CommandContext,
  o: StoreOptions,
  work: (store: Awaited<ReturnType<typeof openFrom>>) => Promise<T>,
): Promise<T> {
  const store = await openFrom(ctx, o);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** `pledge db`, `pledge user`, `pledge token`: administration of the server's database from its machine. */
export function registerAccounts(program: Command, ctx: CommandContext): void {
  const db = program.command("db").description("back up and restore the server's database (plans, scenarios, users, tokens, audit log)");
  const backup = withStoreOptions(db.command("backup <file>").description("write every table to a JSON-lines file"));
  withExamples(backup, ["pledge db backup pledge-2026-11-23.jsonl"]);
  backup.action(async (file: string, o: StoreOptions) => {
    const { backupStore } = await import("../../store/index.ts");
    const { rows } = await withStore(ctx, o, (store) => backupStore(store, file));
    ctx.io.stdout.write(`backed up ${rows} rows to ${file}\n`);
  });
  const restore = withStoreOptions(
    db
      .command("restore <file>")
      .description(
        "replace the database's content with a backup, in one transaction; refused while a pledge serve holds the embedded database",
      )
      .option("--force", "restore even while a server holds the embedded database (its writes answer 503 until the restore ends)"),
  );
  withExamples(restore, ["pledge db restore pledge-2026-11-23.jsonl"]);
  restore.action(async (file: string, o: StoreOptions & { force?: boolean }) => {
    const { restoreStore } = await import("../../store/index.ts");
    const { rows } = await withStore(ctx, o, (store) => restoreStore(store, file, { force: o.force === true }));
    ctx.io.stdout.write(`restored ${rows} rows from ${file}\n`);
  });

  const user = program.command("user").description("accounts: admin, editor for named allies, reader");
  const add = withStoreOptions(
    user
      .command("add <name>")
      .description("create an account; the password is read from standard input")
      .requiredOption("--role <role>", "admin, editor or reader")
      .option("--allies <iso3,...>", "for editors: the allies whose plans they may edit, e.g. POL,EST")
      .option("--password-stdin", "read the password from standard input (required: passwords never go on the command line)"),
  );
  withExamples(add, [
    "printf '%s' \"$ADMIN_PASSWORD\" | pledge user add alice --role admin --password-stdin",
    "pledge user add bob --role editor --allies POL,EST --password-stdin < bob.pass",
  ]);
  add.action(async (name: string, o: StoreOptions & { role: string; allies?: string; passwordStdin?: boolean }) => {
    if (!o.passwordStdin || !ctx.io.readStdin) throw new UsageError("--password-stdin is required: pipe the password in");
    const password = (await ctx.io.readStdin()).replace(/\r?\n$/, "");
    const allies = o.allies ? o.allies.split(",").map((a) => a.trim().toUpperCase()) : [];
    const { createUser } = await import("../../store/index.ts");
    const created = await withStore(ctx, o, (store) => createUser(store, { name, password, role: o.role, allies }, CLI_ACTOR));
    ctx.io.stdout.write(
      `created ${created.role} ${created.name}${created.allies.length ? ` for ${created.allies.join(", ")}` : ""} (id ${created.id})\n`,
    );
  });

  const list = withStoreOptions(user.command("list").description("every account: name, role, allies, enabled or disabled"));
  withExamples(list, ["pledge user list"]);
  list.action(async (o: StoreOptions) => {
    const { listUsers } = await import("../../store/index.ts");
    const users = await withStore(ctx, o, (store) => listUsers(store));
    for (const u of users)
      ctx.io.stdout.write(
        `${u.name}\t${u.role}\t${u.allies.join(",") || "-"}\t${u.disabled ? "disabled" : "enabled"}\t${u.createdAt}\t${u.id}\n`,
      );
  });

  /** Looks a user up by name and applies `change`, printing what the account is now. */
  const changeUser = (
    name: string,
    o: StoreOptions,
    change: (store: Awaited<ReturnType<typeof openFrom>>, id: string) => Promise<unknown>,
    done: string,
  ) =>
    withStore(ctx, o, async (store) => {
      const { getUserByName } = await import("../../store/index.ts");
      const u = await getUserByName(store, name);
      if (!u) throw new UsageError(`no user "${name}" (pledge user list)`);
      await change(store, u.id);
      ctx.io.stdout.write(`${name}: ${done}\n`);
    });

  for (const [verb, disabled] of [
    ["disable", true],
    ["enable", false],
  ] as const) {
    const c = withStoreOptions(
      user
        .command(`${verb} <name>`)
        .description(disabled ? "refuse the account's sign-ins, sessions and tokens" : "let a disabled account in again"),
    );
    withExamples(c, [`pledge user ${verb} bob`]);
    c.action(async (name: string, o: StoreOptions) => {
      const { updateUser } = await import("../../store/index.ts");
      await changeUser(name, o, (store, id) => updateUser(store, id, { disabled }, CLI_ACTOR), disabled ? "disabled" : "enabled");
    });
  }

  const setRole = withStoreOptions(
    user
      .command("set-role <name> <role>")
      .description("make the account admin, editor or reader")
      .option("--allies <iso3,...>", "for editors: the allies whose plans they may edit"),
  );
  withExamples(setRole, ["pledge user set-role bob editor --allies POL,LTU", "pledge user set-role carol reader"]);
  setRole.action(async (name: string, role: string, o: StoreOptions & { allies?: string }) => {
    const { updateUser } = await import("../../store/index.ts");
    if (!["admin", "editor", "reader"].includes(role)) throw new UsageError(`role: "${role}" is not admin, editor or reader`);
    const allies = o.allies ? o.allies.split(",").map((a) => a.trim().toUpperCase()) : undefined;
    await changeUser(
      name,
      o,
      (store, id) => updateUser(store, id, { role: role as "admin" | "editor" | "reader", ...(allies ? { allies } : {}) }, CLI_ACTOR),
      `now ${role}${allies ? ` for ${allies.join(", ")}` : ""}`,
    );
  });

  const setPasswordCmd = withStoreOptions(
    user
      .command("set-password <name>")
      .description("set the account's password, read from standard input; its sessions end")
      .option("--password-stdin", "read the password from standard input (required)"),
  );
  withExamples(setPasswordCmd, ["pledge user set-password bob --password-stdin < bob.pass"]);
  setPasswordCmd.action(async (name: string, o: StoreOptions & { passwordStdin?: boolean }) => {
    if (!o.passwordStdin || !ctx.io.readStdin) throw new UsageError("--password-stdin is required: pipe the password in");
    const password = (await ctx.io.readStdin()).replace(/\r?\n$/, "");
    const { setPassword } = await import("../../store/index.ts");
    await changeUser(name, o, (store, id) => setPassword(store, id, password, CLI_ACTOR), "password set; sessions ended");
  });

  const token = program.command("token").description("API tokens for scripts (stored only as hashes)");
  const create = withStoreOptions(
    token
      .command("create <user>")
      .description("create a token for a user and print it once")
      .option("--label <label>", "what it is for", "cli"),
  );
  withExamples(create, ["pledge token create alice --label 'newsroom importer'"]);
  create.action(async (name: string, o: StoreOptions & { label: string }) => {
    const { createApiToken, getUserByName } = await import("../../store/index.ts");
    const t = await withStore(ctx, o, async (store) => {
      const u = await getUserByName(store, name);
      if (!u) throw new UsageError(`no user "${name}"`);
      return createApiToken(store, u.id, o.label, CLI_ACTOR);
    });
    ctx.io.stdout.write(`${t.token}\n`);
    ctx.io.stderr.write(`token ${t.id} for ${name} (${t.label}); shown once, send it as "Authorization: Bearer <token>"\n`);
  });
  const revoke = withStoreOptions(token.command("revoke <id>").description("revoke a token by its id (pledge token create prints it)"));
  withExamples(revoke, ["pledge token revoke 3f2a9c0d41b7e655"]);
  revoke.action(async (id: string, o: StoreOptions) => {
    const { revokeApiToken } = await import("../../store/index.ts");
    const t = await withStore(ctx, o, (store) => revokeApiToken(store, id, CLI_ACTOR));
    ctx.io.stdout.write(`revoked token ${t.id} (${t.label}) at ${t.revokedAt}\n`);
  });
}

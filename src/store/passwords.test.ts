import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./passwords.ts";

describe("passwords (scrypt N=16384 r=8 p=1)", () => {
  it("stores scrypt$N$r$p$salt$hash with a fresh salt each time", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it("accepts the password and refuses others", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("refuses, without throwing, a malformed or tampered stored hash", async () => {
    const stored = await hashPassword("correct horse battery");
    const parts = stored.split("$");
    for (const bad of [
      "",
      "plain",
      stored.replace("scrypt", "bcrypt"),
      [...parts.slice(0, 5), ""].join("$"),
      stored.replace("$16384$", "$1048577$"),
    ])
      expect(await verifyPassword("correct horse battery", bad)).toBe(false);
    // A stored hash from other parameters still verifies: they are read from the string.
    parts[1] = "1024";
    expect(await verifyPassword("correct horse battery", parts.join("$"))).toBe(false);
  });
});

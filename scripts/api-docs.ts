/**
 * docs/api.md, the library's API reference, generated from the declarations the package ships and
 * their doc comments. TypeDoc would be the usual tool, but it reads types through TypeScript's JS
 * compiler API and supports TypeScript up to 6.0; this project compiles with TypeScript 7. So the
 * declarations are emitted with the project's own compiler (tsconfig.lib.json, as the build does)
 * and read here: tsc writes one statement per top-level line, with its doc comment above it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";

const root = join(import.meta.dirname, "..");

/** The package's entry points (package.json "exports") and the source each is compiled from. */
export const ENTRIES: readonly { name: string; file: string }[] = [
  { name: "pledge", file: "index" },
  { name: "pledge/core", file: "library/core" },
  { name: "pledge/data", file: "library/data" },
];

export interface Declaration {
  name: string;
  kind: string;
  doc: string;
  code: string;
}

interface ModuleDecls {
  /** The doc comment at the top of the file (entries only). */
  header: string;
  declared: Map<string, Declaration[]>;
  exported: Map<string, { from: string | null; name: string }>;
  stars: string[];
}

interface Statement {
  doc: string;
  code: string;
}

/** Splits a .d.ts file into top-level statements, each with the doc comment written just above it. */
export function statements(text: string): Statement[] {
  const out: Statement[] = [];
  let i = 0;
  let doc = "";
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (text.startsWith("/**", i)) {
      const end = text.indexOf("*/", i) + 2;
      doc = text.slice(i, end);
      i = end;
      continue;
    }
    if (text.startsWith("//", i)) {
      i = text.indexOf("\n", i) === -1 ? n : text.indexOf("\n", i);
      continue;
    }
    if (text.startsWith("/*", i)) {
      i = text.indexOf("*/", i) + 2;
      continue;
    }
    const start = i;
    const block = /^(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?(?:interface|class|enum|namespace|module)\b/.test(text.slice(i, i + 80));
    let depth = 0;
    while (i < n) {
      const ch = text[i] as string;
      if (ch === '"' || ch === "'" || ch === "`") {
        const quote = ch;
        i++;
        while (i < n && text[i] !== quote) i += text[i] === "\\" ? 2 : 1;
        i++;
        continue;
      }
      if (text.startsWith("//", i)) {
        i = text.indexOf("\n", i);
        continue;
      }
      if (text.startsWith("/*", i)) {
        i = text.indexOf("*/", i) + 2;
        continue;
      }
      if (ch === "{" || ch === "(" || ch === "[") depth++;
      if (ch === "}" || ch === ")" || ch === "]") depth--;
      i++;
      if (depth === 0 && (ch === ";" || (block && ch === "}"))) break;
    }
    out.push({ doc, code: text.slice(start, i).trim() });
    doc = "";
  }
  return out;
}

/** The doc comment's text without its comment markers. */
export function docText(doc: string): string {
  return doc
    .replace(/^\/\*\*\s?/, "")
    .replace(/\s*\*\/$/, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
}

const DECLARATION =
  /^(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?(function|const|let|class|interface|type|enum|namespace)\s+([A-Za-z_$][\w$]*)/;

function parseModule(text: string): ModuleDecls {
  const m: ModuleDecls = { header: "", declared: new Map(), exported: new Map(), stars: [] };
  const list = statements(text);
  list.forEach((s, index) => {
    const star = /^export\s+\*\s+from\s+["']([^"']+)["']/.exec(s.code);
    if (star) {
      if (index === 0) m.header = docText(s.doc);
      m.stars.push(star[1] as string);
      return;
    }
    const named = /^export\s+(?:type\s+)?\{([^}]*)\}(?:\s+from\s+["']([^"']+)["'])?/.exec(s.code);
    if (named) {
      if (index === 0) m.header = docText(s.doc);
      for (const part of (named[1] as string).split(",")) {
        const [local, alias] = part
          .trim()
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/);
        if (local) m.exported.set(alias ?? local, { from: named[2] ?? null, name: local });
      }
      return;
    }
    const d = DECLARATION.exec(s.code);
    if (!d) return;
    const [, kind, name] = d as unknown as [string, string, string];
    const decl = { name, kind, doc: docText(s.doc), code: s.code.replace(/^declare\s+/, "").replace(/^export\s+declare\s+/, "export ") };
    m.declared.set(name, [...(m.declared.get(name) ?? []), decl]);
    if (s.code.startsWith("export ")) m.exported.set(name, { from: null, name });
  });
  return m;
}

/** Emits the library's declarations into a temporary folder with the project's compiler. */
function emitDeclarations(): string {
  const out = mkdtempSync(join(tmpdir(), "pledge-api-docs-"));
  execFileSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.lib.json"), "--emitDeclarationOnly", "--outDir", out],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  return out;
}

/** Every exported name of a module, resolved to the module that declares it. */
function resolveExports(
  dir: string,
  file: string,
  cache: Map<string, ModuleDecls>,
  seen = new Set<string>(),
): Map<string, { module: string; decls: Declaration[] }> {
  const result = new Map<string, { module: string; decls: Declaration[] }>();
  if (seen.has(file)) return result;
  seen.add(file);
  let m = cache.get(file);
  if (!m) {
    const path = join(dir, `${file}.d.ts`);
    if (!existsSync(path)) throw new Error(`${path} was not emitted`);
    m = parseModule(readFileSync(path, "utf8"));
    cache.set(file, m);
  }
  const target = (spec: string) => normalize(join(dirname(file), spec)).replace(/\.(?:js|ts)$/, "");
  for (const spec of m.stars)
    for (const [name, v] of resolveExports(dir, target(spec), cache, seen)) if (!result.has(name)) result.set(name, v);
  for (const [name, e] of m.exported) {
    if (e.from) {
      const inner = resolveExports(dir, target(e.from), cache, new Set()).get(e.name);
      if (inner) result.set(name, inner);
    } else {
      const decls = m.declared.get(e.name);
      if (decls) result.set(name, { module: file, decls });
    }
  }
  return result;
}

/** The whole reference as Markdown. */
export function generateApiDocs(): string {
  const dir = emitDeclarations();
  try {
    const cache = new Map<string, ModuleDecls>();
    const entries = ENTRIES.map((e) => ({ ...e, exports: resolveExports(dir, e.file, cache) }));
    const lines: string[] = [
      "# API reference",
      "",
      "<!-- GENERATED by `npm run docs:api` (scripts/api-docs.ts) from the .d.ts files the package ships and their doc comments. Do not edit: a test checks it is current. -->",
      "",
      "The library's exports, by entry point and then by the module that declares them. `docs/library.md` is the tour;",
      "this is the reference. Types are as the package's `.d.ts` files state them.",
      "",
      "## Entry points",
      "",
    ];
    const byModule = new Map<string, Map<string, Declaration[]>>();
    const covered = new Set<string>();
    for (const e of entries) {
      const header = cache.get(e.file)?.header ?? "";
      lines.push(`### \`${e.name}\``, "");
      if (header) lines.push(header, "");
      const others = entries.filter((o) => o.name !== e.name && o.name.startsWith(`${e.name}/`));
      const own = [...e.exports.entries()].filter(([name]) => !others.some((o) => o.exports.has(name)));
      if (others.length) lines.push(`Everything in ${others.map((o) => `\`${o.name}\``).join(" and ")}, and:`, "");
      const groups = new Map<string, string[]>();
      for (const [name, v] of own) {
        groups.set(v.module, [...(groups.get(v.module) ?? []), name]);
        const mod = byModule.get(v.module) ?? new Map<string, Declaration[]>();
        mod.set(name, v.decls);
        byModule.set(v.module, mod);
        covered.add(name);
      }
      for (const [module, names] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)))
        lines.push(
          `- from \`${module}\`: ${names
            .sort((a, b) => a.localeCompare(b))
            .map((n) => `\`${n}\``)
            .join(", ")}`,
        );
      lines.push("");
    }
    lines.push("## Modules", "");
    for (const [module, decls] of [...byModule.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`### \`${module}\``, "");
      for (const [name, list] of [...decls.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const first = list[0] as Declaration;
        lines.push(`#### \`${name}\` (${first.kind})`, "");
        const doc = list.map((d) => d.doc).find((d) => d) ?? "";
        if (doc) lines.push(doc, "");
        lines.push("```ts", ...list.map((d) => d.code), "```", "");
      }
    }
    return `${lines.join("\n").trimEnd()}\n`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

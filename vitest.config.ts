import { defineConfig } from "vitest/config";

/** Tests of what users run: the built bundle and the packed package (need `npm run build`, which `npm test` runs first). */
const ARTEFACT_TESTS = ["test/dist/**/*.test.ts", "test/package/**/*.test.ts"];
/** The CLI's end-to-end tests, run a second time against dist/ (test/support/fake-io.ts picks the target). */
const CLI_END_TO_END = [
  "src/cli/cli.test.ts",
  "src/cli/pathway-commands.test.ts",
  "src/cli/server-commands.test.ts",
  "src/cli/build-site.test.ts",
];

export default defineConfig({
  test: {
    exclude: ["node_modules/**", "dist/**", "web/dist/**"],
    testTimeout: 30_000,
    // The JSON report lets .ci/run print one "N passed, N failed" line at the end.
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    hookTimeout: 120_000,
    globalSetup: ["test/support/postgres.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "sources",
          include: ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts", "web/src/**/*.test.ts", "e2e/**/*.test.ts"],
          exclude: ["node_modules/**", "dist/**", "web/dist/**", ...ARTEFACT_TESTS],
        },
      },
      {
        extends: true,
        test: {
          name: "dist",
          include: [...CLI_END_TO_END, ...ARTEFACT_TESTS],
          env: { PLEDGE_TEST_TARGET: "dist" },
        },
      },
    ],
  },
});

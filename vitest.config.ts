import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts", "web/src/**/*.test.ts", "e2e/**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**", "web/dist/**"],
    testTimeout: 30_000,
    // The JSON report lets .ci/run print one "N passed, N failed" line at the end.
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    hookTimeout: 120_000,
    globalSetup: ["test/support/postgres.ts"],
  },
});

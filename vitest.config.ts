import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts", "web/src/**/*.test.ts", "e2e/**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**", "web/dist/**"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

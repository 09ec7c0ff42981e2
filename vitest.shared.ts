import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const packages = fileURLToPath(new URL("./packages", import.meta.url))

// Tests run against the sources of every workspace package, so a test never sees a stale build.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@effect-particle\/core\/node$/, replacement: `${packages}/core/src/node.ts` },
      { find: /^@effect-particle\/([a-z-]+)$/, replacement: `${packages}/$1/src/index.ts` }
    ]
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})

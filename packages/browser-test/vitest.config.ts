import { fileURLToPath } from "node:url"
import { mergeConfig } from "vitest/config"
import shared from "../../vitest.shared.js"

// the example dashboard lives in examples/, outside the shared aliases: its sources too
export default mergeConfig(shared, {
  resolve: {
    alias: [{
      find: /^@effect-particle\/dashboard$/,
      replacement: fileURLToPath(new URL("../../examples/dashboard/src/server.ts", import.meta.url))
    }]
  }
})

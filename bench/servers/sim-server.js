// The simulator in its own process with a product of <devices> devices (product 4242, 5 of them seeded).
import { Simulator } from "@effect-particle/simulator"

const n = Number(process.argv[2])
const sim = await Simulator.start({ keepAliveIntervalMs: 60_000 })
const t0 = performance.now()
for (let i = 5; i < n; i++) {
  sim.createDevice({
    name: `bench-${i}`,
    productId: 4242,
    platformId: 13,
    online: i % 3 !== 0,
    groups: i % 2 ? ["europe"] : ["asia"]
  })
}
process.send({ type: "ready", url: sim.url, accessToken: sim.accessToken, createMs: performance.now() - t0 })
const stop = () => sim.close().then(() => process.exit(0))
process.on("disconnect", stop)
process.on("SIGTERM", stop)

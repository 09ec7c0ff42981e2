// Heap readings for the scale benchmarks. Importing this turns on --expose-gc for the process.
import v8 from "node:v8"
import vm from "node:vm"

v8.setFlagsFromString("--expose-gc")
const gc = vm.runInNewContext("gc")

/**
 * Heap used as it is (default flags, no GC), then once more after a full GC (what is retained). Read only at
 * the 10 % and 100 % points, so the run itself is not disturbed.
 */
export const heapNow = () => {
  const used = process.memoryUsage().heapUsed
  gc()
  return { used, retained: process.memoryUsage().heapUsed }
}

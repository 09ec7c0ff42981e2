// The loader thread of count-hook.js.
import { appendFileSync } from "node:fs"

export const load = async (url, context, next) => {
  if (url.startsWith("file:") && process.env.COLDSTART_COUNT_FILE) {
    appendFileSync(process.env.COLDSTART_COUNT_FILE, url + "\n")
  }
  return next(url, context)
}

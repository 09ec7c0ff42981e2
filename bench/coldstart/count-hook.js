// Counts the ES modules (file: URLs) a program loads: node --import ./count-hook.js …; appends one line per
// module to $COLDSTART_COUNT_FILE (from the loader thread).
import { register } from "node:module"

register("./count-loader.js", import.meta.url)

// Cold-start program (particle-api-js 12.0.3): one getVariable call.
import Particle from "particle-api-js"

export const run = (base) =>
  new Particle({ baseUrl: base }).getVariable({
    deviceId: "0123456789abcdef01234567",
    name: "temperature",
    auth: "0123456789abcdef0123456789abcdef01234567"
  }).then((r) => r.body)

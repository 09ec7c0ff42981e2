/** Device vitals history, per device. */
import type { DiagnosticRecord } from "./types.js"

export class DiagnosticsStore {
  private readonly byDevice = new Map<string, Array<DiagnosticRecord>>()

  /** The history of a device; a device that never reported starts with one `initial` record. */
  history(deviceId: string, initial: () => DiagnosticRecord): ReadonlyArray<DiagnosticRecord> {
    let list = this.byDevice.get(deviceId)
    if (!list) {
      list = [initial()]
      this.byDevice.set(deviceId, list)
    }
    return list
  }

  record(deviceId: string, rec: DiagnosticRecord, initial: () => DiagnosticRecord): void {
    this.history(deviceId, initial)
    this.byDevice.get(deviceId)!.push(rec)
  }
}

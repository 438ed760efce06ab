/** The lines `push apply` prints for its progress events. Pure. */
import type { ApplyEvent } from "../../apply/events.js";

/** One event as a line (no newline); `retrying` is indented under the operation it delays. */
export function progressLine(e: ApplyEvent): string {
  switch (e.kind) {
    case "retrying":
      return `  retrying after ${e.code} (attempt ${e.attempt} of ${e.of})`;
    case "done":
      return `${e.op} ${e.key}: done${e.via ? ` (${e.via})` : ""}`;
    case "failed":
      return `${e.op} ${e.key}: FAILED: ${e.message}`;
    case "batch-failed":
      return `MassPushV2 of ${e.count}: FAILED: ${e.message}`;
    case "stopped":
      return `STOPPED: ${e.reason}`;
  }
}

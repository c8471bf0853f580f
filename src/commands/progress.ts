import { paint, printable } from "./terminal.js";

/** Width of the bar itself, in characters, leaving room for the count and a name on 80 columns. */
const BAR_WIDTH = 24;

/** A one-line progress bar redrawn in place with a carriage return. */
export interface ProgressBar {
  /** Redraws the bar after `done` of the items, naming the item being worked on. */
  update(done: number, current: string): void;
  /** Erases the bar, so the summary printed next starts on a clean line. */
  finish(): void;
}

/**
 * Formats one frame of the bar, such as `grading ━━━━━━──────── 3/7 chen-wei`, cut to
 * `columns` characters so that it never wraps (a wrapped line cannot be redrawn with \r).
 */
export function formatProgress(done: number, total: number, current: string, columns: number, color: boolean): string {
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.round(share * BAR_WIDTH);
  const count = `${done}/${total}`;
  const prefix = "grading ";
  const room = Math.max(0, columns - 1 - prefix.length - BAR_WIDTH - 1 - count.length - 1);
  const name = printable(current);
  const shown = name.length > room ? `${name.slice(0, Math.max(0, room - 1))}…` : name;

  const bar = paint(color, "green", "━".repeat(filled)) + paint(color, "dim", "─".repeat(BAR_WIDTH - filled));
  return `${prefix}${bar} ${count}${room > 0 && shown !== "" ? ` ${shown}` : ""}`;
}

/**
 * Creates a progress bar that writes to `write` (stderr), or one that writes nothing when
 * `enabled` is false: piped output, CI and `--json` runs get no control characters at all.
 */
export function createProgressBar(
  write: (text: string) => void,
  total: number,
  options: { enabled: boolean; color: boolean; columns: number },
): ProgressBar {
  if (!options.enabled || total === 0) {
    return { update: () => {}, finish: () => {} };
  }
  return {
    update: (done, current) => write(`\r${formatProgress(done, total, current, options.columns, options.color)}\u001b[K`),
    finish: () => write("\r\u001b[K"),
  };
}

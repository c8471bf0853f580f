import { describe, expect, it } from "vitest";
import { createProgressBar, formatProgress } from "../../src/commands/progress.js";

describe("formatProgress", () => {
  it("fills the bar by share", () => {
    // 3 of 6 done fills 12 of the 24 cells.
    expect(formatProgress(3, 6, "chen-wei", 80, false)).toBe(`grading ${"━".repeat(12)}${"─".repeat(12)} 3/6 chen-wei`);
  });

  it("fits the terminal width", () => {
    const line = formatProgress(1, 2, "a-very-long-student-name-from-a-folder", 45, false);
    expect(line.length).toBeLessThanOrEqual(44);
    expect(line.endsWith("…")).toBe(true);
  });

  it("strips control characters", () => {
    expect(formatProgress(0, 1, "evil\u001b[2J", 80, false)).not.toContain("\u001b");
  });
});

describe("createProgressBar", () => {
  it("redraws in place", () => {
    const written: string[] = [];
    const bar = createProgressBar((text) => written.push(text), 2, { enabled: true, color: false, columns: 80 });
    bar.update(1, "ana");
    bar.finish();

    expect(written[0].startsWith("\rgrading ")).toBe(true);
    expect(written[0].endsWith("\u001b[K")).toBe(true);
    expect(written[1]).toBe("\r\u001b[K");
  });

  it("writes nothing when disabled", () => {
    const written: string[] = [];
    const bar = createProgressBar((text) => written.push(text), 2, { enabled: false, color: true, columns: 80 });
    bar.update(1, "ana");
    bar.finish();

    expect(written).toEqual([]);
  });
});

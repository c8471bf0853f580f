import type { ClassResults } from "../grading/types.js";
import { printable } from "./terminal.js";

/** Formats the short table `nngrade grade` prints after writing the reports. */
export function formatSummary(results: ClassResults, out: string): string {
  const counts = { graded: 0, unreadable: 0, missing: 0 };
  for (const student of results.students) counts[student.status]++;

  const lines: string[] = [];
  const idWidth = Math.max(7, ...results.students.map((student) => printable(student.student).length));
  lines.push(`${"student".padEnd(idWidth)}  ${"score".padStart(13)}  status`);
  for (const student of results.students) {
    const score = student.status === "graded" ? `${formatNumber(student.points)} / ${formatNumber(student.max_points)}` : "-";
    const detail = student.status === "unreadable" ? `unreadable: ${printable(student.error ?? "")}` : student.status;
    lines.push(`${printable(student.student).padEnd(idWidth)}  ${score.padStart(13)}  ${detail}`);
  }

  const graded = results.students.filter((student) => student.status === "graded");
  const mean = graded.length > 0 ? graded.reduce((sum, student) => sum + student.points, 0) / graded.length : 0;
  lines.push("");
  lines.push(
    `${counts.graded} graded, ${counts.unreadable} unreadable, ${counts.missing} missing; mean ${formatNumber(mean)} / ${formatNumber(results.max_points)}`,
  );
  lines.push(`Reports written to ${printable(out)}/ (open ${printable(out)}/index.html)`);
  return `${lines.join("\n")}\n`;
}

function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

import type { ClassResults } from "../grading/types.js";
import { printableLine } from "./terminal.js";

/** Formats the short table `nngrade grade` prints after writing the reports. */
export function formatSummary(results: ClassResults, out: string): string {
  const counts = { graded: 0, unreadable: 0, missing: 0 };
  for (const student of results.students) counts[student.status]++;

  const lines: string[] = [];
  // A loop, not Math.max(...ids): a class can have more students than a call takes arguments.
  let idWidth = 7;
  for (const student of results.students) idWidth = Math.max(idWidth, printableLine(student.student).length);
  lines.push(`${"student".padEnd(idWidth)}  ${"score".padStart(13)}  status`);
  for (const student of results.students) {
    const score = student.status === "graded" ? `${formatNumber(student.points)} / ${formatNumber(student.max_points)}` : "-";
    const detail = student.status === "unreadable" ? `unreadable: ${printableLine(student.error ?? "")}` : student.status;
    lines.push(`${printableLine(student.student).padEnd(idWidth)}  ${score.padStart(13)}  ${detail}`);
  }

  const graded = results.students.filter((student) => student.status === "graded");
  const mean = graded.length > 0 ? graded.reduce((sum, student) => sum + student.points, 0) / graded.length : 0;
  lines.push("");
  lines.push(
    `${counts.graded} graded, ${counts.unreadable} unreadable, ${counts.missing} missing; mean ${formatNumber(mean)} / ${formatNumber(results.max_points)}`,
  );
  for (const warning of duplicateWarnings(results)) lines.push(warning);
  lines.push(`Reports written to ${printableLine(out)}/ (open ${printableLine(out)}/index.html)`);
  return `${lines.join("\n")}\n`;
}

/**
 * Warns about student ids that name more than one row, such as `ana.md` beside a folder `ana/`, or
 * an answers file whose `student:` is another student's id. Each row is graded on its own.
 */
function duplicateWarnings(results: ClassResults): string[] {
  const files = new Map<string, string[]>();
  for (const student of results.students) {
    const list = files.get(student.student) ?? [];
    list.push(student.file ?? "no file");
    files.set(student.student, list);
  }
  const warnings: string[] = [];
  for (const [id, list] of files) {
    if (list.length < 2) continue;
    warnings.push(
      `Warning: the student id ${printableLine(id)} names ${list.length} rows (${list.map(printableLine).join("; ")}); each is graded on its own, so check which one counts.`,
    );
  }
  return warnings;
}

function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

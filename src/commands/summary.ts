import { foldIdCase } from "../report/studentIds.js";
import type { ClassResults } from "../grading/types.js";
import { printableLine } from "./terminal.js";

/** The fields of a student that the terminal summary shows. */
export interface SummaryRow {
  student: string;
  file: string | null;
  status: "graded" | "unreadable" | "missing";
  points: number;
  max_points: number;
  error?: string;
}

/** The class-wide figures under the terminal summary's table. */
export interface SummaryTotals {
  graded: number;
  unreadable: number;
  missing: number;
  /** Sum of the graded students' points, added in the order of the table. */
  gradedSum: number;
  max_points: number;
  /** Rows whose file got notes from reading it. */
  withNotes: number;
  /** Ids on more than one row, each with the files of its rows. */
  repeated: ReadonlyMap<string, readonly { student: string; file: string | null }[]>;
  /** Ids of submissions that match no id on the roster (some of them), and how many there are. */
  offRoster?: { ids: readonly string[]; count: number };
}

/** Ids of submissions off the roster that the warning lists by name. */
const MAX_LISTED_OFF_ROSTER = 5;

/** Smallest width of the table's id column: the width of its heading. */
export const MIN_ID_WIDTH = "student".length;

/** Formats the short table `nngrade grade` prints after writing the reports. */
export function formatSummary(results: ClassResults, out: string): string {
  // A loop, not Math.max(...ids): a class can have more students than a call takes arguments.
  let idWidth = MIN_ID_WIDTH;
  for (const student of results.students) idWidth = Math.max(idWidth, idWidthOf(student.student));

  const totals: SummaryTotals = {
    graded: 0,
    unreadable: 0,
    missing: 0,
    gradedSum: 0,
    max_points: results.max_points,
    withNotes: results.students.filter((student) => (student.notes?.length ?? 0) > 0).length,
    repeated: repeatedIds(results),
  };
  let text = summaryHeader(idWidth);
  for (const student of results.students) {
    totals[student.status]++;
    if (student.status === "graded") totals.gradedSum += student.points;
    text += summaryRow(student, idWidth);
  }
  return text + summaryFooter(totals, out);
}

/** Returns the width an id takes in the table's id column. */
export function idWidthOf(id: string): number {
  return printableLine(id).length;
}

/** Returns the table's heading line, for an id column `idWidth` characters wide. */
export function summaryHeader(idWidth: number): string {
  return `${"student".padEnd(idWidth)}  ${"score".padStart(13)}  status\n`;
}

/** Returns one student's line of the table. */
export function summaryRow(student: SummaryRow, idWidth: number): string {
  const score = student.status === "graded" ? `${formatNumber(student.points)} / ${formatNumber(student.max_points)}` : "-";
  const detail = student.status === "unreadable" ? `unreadable: ${printableLine(student.error ?? "")}` : student.status;
  return `${printableLine(student.student).padEnd(idWidth)}  ${score.padStart(13)}  ${detail}\n`;
}

/** Returns the lines under the table: counts and mean, warnings about repeated ids, and where the reports are. */
export function summaryFooter(totals: SummaryTotals, out: string): string {
  const mean = totals.graded > 0 ? totals.gradedSum / totals.graded : 0;
  const lines = [
    "",
    `${totals.graded} graded, ${totals.unreadable} unreadable, ${totals.missing} missing; mean ${formatNumber(mean)} / ${formatNumber(totals.max_points)}`,
  ];
  if (totals.withNotes > 0) {
    const [count, marks] = totals.withNotes === 1 ? ["1 submission has", "it"] : [`${totals.withNotes} submissions have`, "them"];
    lines.push(`${count} notes from reading, such as a label that matched no question, so a value may not be graded; the class page marks ${marks}.`);
  }
  // Each row of a repeated id is graded on its own, such as `ana.md` beside a folder `ana/`, or an
  // answers file whose `student:` is another student's id.
  for (const [id, rows] of totals.repeated) {
    const files = rows.map((row) => printableLine(row.file ?? "no file"));
    const spelt = rows.some((row) => row.student !== id) ? ", counting ids that differ only in letter case as one" : "";
    lines.push(
      `Warning: the student id ${printableLine(id)} names ${rows.length} rows (${files.join("; ")})${spelt}; each is graded on its own, and grades.csv leaves their grade empty until you enter the one that counts.`,
    );
  }
  const offRoster = totals.offRoster;
  if (offRoster !== undefined && offRoster.count > 0) {
    const listed = offRoster.ids.slice(0, MAX_LISTED_OFF_ROSTER).map(printableLine);
    const more = offRoster.count > listed.length ? `, and ${offRoster.count - listed.length} more` : "";
    const [what, their] = offRoster.count === 1 ? ["1 submission matches", "its row"] : [`${offRoster.count} submissions match`, "their rows"];
    lines.push(
      `Warning: ${what} no id on the roster (${listed.join(", ")}${more}), so ${their} in grades.csv match no student. ` +
        // An answers file's student field overrides its name, so renaming the file alone may not help.
        `Rename each file or folder to the student's roster id, or correct the student field of an answers file that has one, and grade again. The class page lists them.`,
    );
  }
  lines.push(`Reports written to ${printableLine(out)}/ (open ${printableLine(out)}/index.html)`);
  return `${lines.join("\n")}\n`;
}

/**
 * Groups the rows of each student id that names more than one row, in the order ids first come.
 * Ids that differ only in letter case count as one, under the spelling that came first.
 */
function repeatedIds(results: ClassResults): Map<string, { student: string; file: string | null }[]> {
  const spellings = new Map<string, string>();
  const rows = new Map<string, { student: string; file: string | null }[]>();
  for (const student of results.students) {
    const folded = foldIdCase(student.student);
    const spelling = spellings.get(folded);
    if (spelling === undefined) {
      spellings.set(folded, student.student);
      rows.set(student.student, [student]);
    } else {
      rows.get(spelling)!.push(student);
    }
  }
  for (const [id, list] of rows) if (list.length < 2) rows.delete(id);
  return rows;
}

function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

import { foldIdCase } from "../report/studentIds.js";
import { UsageError } from "../errors.js";

/** One student of a roster. */
export interface RosterEntry {
  id: string;
  name: string;
  email: string;
  /** Canvas's own user id ("ID" in a Canvas gradebook export), or "". */
  canvasId: string;
  /** "SIS User ID" of a Canvas export, or "". */
  sisUserId: string;
  /** "Section" of a Canvas export, or "". */
  section: string;
}

// Header names that hold the student id, in order of preference. A Canvas gradebook export has
// both "ID" (Canvas's internal number) and "SIS Login ID" (the login students name files after),
// so the login comes first. Its first column, "Student", is the name.
const ID_HEADERS = ["sis login id", "login id", "username", "id", "student id", "student_id", "student"];
const NAME_HEADERS = ["name", "student", "full name"];
const EMAIL_HEADERS = ["email", "e-mail", "email address"];

/**
 * Parses a roster CSV with a header row. The id column is `id` (or a known LMS name for it);
 * `name` and `email` are optional. Throws a UsageError naming both lines of a duplicate id, and
 * of two ids that differ only in letter case, because submissions are matched to roster ids
 * without regard to case (see `rosterSpelling`).
 */
export function parseRoster(text: string, file: string): RosterEntry[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, ""));
  const header = rows[0]?.map((cell) => cell.trim().toLowerCase());
  if (!header) throw new UsageError("roster.empty", `${file} is empty; give a header row with an id column`);

  const idColumn = findColumn(header, ID_HEADERS);
  if (idColumn < 0) {
    throw new UsageError("roster.noIdColumn", `${file}:1 has no id column; name one of the columns "id"`);
  }
  const nameColumn = findColumn(header, NAME_HEADERS.filter((name) => name !== header[idColumn]));
  const emailColumn = findColumn(header, EMAIL_HEADERS);
  const canvasIdColumn = header[idColumn] === "id" ? -1 : header.indexOf("id");
  const sisUserColumn = header.indexOf("sis user id");
  const sectionColumn = header.indexOf("section");
  const cell = (row: string[], column: number): string => (column >= 0 ? (row[column] ?? "").trim() : "");

  // Each id seen so far by its folded case, with its spelling and line.
  const seen = new Map<string, { id: string; line: number }>();
  const entries: RosterEntry[] = [];
  rows.slice(1).forEach((row, index) => {
    const line = index + 2;
    const id = (row[idColumn] ?? "").trim();
    // Canvas exports a "Points Possible" row and blank lines; neither is a student.
    if (id === "" || /^points possible$/i.test((row[0] ?? "").trim())) return;
    const earlier = seen.get(foldIdCase(id));
    if (earlier?.id === id) {
      throw new UsageError("roster.duplicateId", `${file}:${line} repeats the id "${id}" of line ${earlier.line}; each student must appear once`);
    }
    if (earlier !== undefined) {
      throw new UsageError(
        "roster.duplicateId",
        `${file}:${line} has the id "${id}", which differs from "${earlier.id}" on line ${earlier.line} only in letter case. Submissions are matched to roster ids without regard to letter case, so give each student one id and list it once.`,
      );
    }
    seen.set(foldIdCase(id), { id, line });
    entries.push({
      id,
      name: cell(row, nameColumn),
      email: cell(row, emailColumn),
      canvasId: cell(row, canvasIdColumn),
      sisUserId: cell(row, sisUserColumn),
      section: cell(row, sectionColumn),
    });
  });
  return entries;
}

/** A Canvas gradebook export's assignment column: its name and Canvas's id, as in `HW4 (55123)`. */
const CANVAS_ASSIGNMENT_COLUMN = /^(.*\S)\s*\((\d+)\)$/;

/**
 * Chooses the name of grades.csv's grade column for a roster's CSV text: the roster's assignment
 * column named after the assignment, such as `backprop-hw (55123)` for `backprop-hw`, so that the
 * import's column is the one the export had. Canvas adds a new assignment for an import column
 * that is not an existing one (as Ohio State's CarmenCanvas guide to importing grades states).
 * Returns the assignment's name when no column matches, with the roster's assignment columns, so
 * that the caller can warn.
 */
export function gradeColumn(rosterText: string, assignment: string): { column: string; otherColumns: string[] } {
  const header = parseCsv(rosterText.replace(/^\uFEFF/, ""))[0] ?? [];
  const columns = header.map((cell) => cell.trim()).filter((cell) => CANVAS_ASSIGNMENT_COLUMN.test(cell));
  const name = assignment.trim().toLowerCase();
  const match = columns.find((column) => CANVAS_ASSIGNMENT_COLUMN.exec(column)![1]!.toLowerCase() === name);
  return match !== undefined ? { column: match, otherColumns: [] } : { column: assignment, otherColumns: columns };
}

function findColumn(header: string[], names: string[]): number {
  for (const name of names) {
    const index = header.indexOf(name);
    if (index >= 0) return index;
  }
  return -1;
}

/** Splits CSV text into rows of cells (RFC 4180: quoted cells may hold commas, quotes, newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;

  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += char;
    }
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Each roster's ids by their folded case, or null for a folded id that two ids share. */
const foldedIds = new WeakMap<ReadonlySet<string>, Map<string, string | null>>();

/**
 * Returns the roster's spelling of a student id that matches a roster id except in letter case,
 * such as `hana-kim.tex` for the Canvas login `Hana-Kim`. The student is then not reported both
 * missing and off the roster, and grades.csv carries the login that Canvas has. Any other id, and
 * an id that two roster ids match, is returned unchanged.
 */
export function rosterSpelling(id: string, roster: ReadonlySet<string> | null | undefined): string {
  if (!roster || roster.has(id)) return id;
  let folded = foldedIds.get(roster);
  if (folded === undefined) {
    folded = new Map();
    for (const rosterId of roster) {
      const key = foldIdCase(rosterId);
      folded.set(key, folded.has(key) ? null : rosterId);
    }
    foldedIds.set(roster, folded);
  }
  return folded.get(foldIdCase(id)) ?? id;
}

import type { StudentResult } from "../grading/types.js";

/** Device names that Windows reserves in every folder, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** Maximum length of the base name, before the ".html" and any "-2" suffix. */
const MAX_BASE_LENGTH = 64;

/**
 * Chooses a file name for a student's page that is safe on Linux, macOS and Windows and not yet
 * in `taken`, then adds it to `taken`. Accents are dropped ("Ana López" → "ana-lopez.html"),
 * other non-ASCII letters become their code points ("王" → "u738b"), path separators, dots, NUL
 * and other symbols become hyphens, and a clash gets a numeric suffix ("ana-lopez-2.html").
 * Names are lower-case, so they also stay distinct on case-insensitive file systems.
 */
export function studentPageName(student: string, taken: Set<string>): string {
  const base = sanitiseBaseName(student);

  let name = `${base}.html`;
  for (let suffix = 2; taken.has(name); suffix++) {
    name = `${base}-${suffix}.html`;
  }

  taken.add(name);
  return name;
}

/**
 * Assigns every student a page name with `studentPageName`, in the order of `students`, so the
 * same class always gets the same names.
 */
export function assignPageNames(students: readonly StudentResult[]): Map<string, string> {
  const taken = new Set<string>();
  const pageNames = new Map<string, string>();
  for (const student of students) {
    const key = pageKey(student);
    if (!pageNames.has(key)) {
      pageNames.set(key, studentPageName(student.student, taken));
    }
  }
  return pageNames;
}

function sanitiseBaseName(student: string): string {
  // NFKD splits "ó" into "o" plus a combining accent, which the next step removes.
  const decomposed = student.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

  let base = "";
  for (const character of decomposed) {
    if (/[a-z0-9]/.test(character)) {
      base += character;
    } else if (/[\p{L}\p{N}]/u.test(character)) {
      base += `-u${character.codePointAt(0)!.toString(16)}-`;
    } else {
      base += "-";
    }
  }
  base = base.replace(/-+/g, "-").replace(/^-|-$/g, "").slice(0, MAX_BASE_LENGTH).replace(/-$/, "");

  if (base === "") {
    return "student";
  }
  if (WINDOWS_RESERVED.test(base)) {
    return `student-${base}`;
  }
  return base;
}

/**
 * Returns the key of a student's page in `ReportContext.pageNames`: the id together with the
 * file, so that two submissions claiming the same id keep a page each.
 */
export function pageKey(student: Pick<StudentResult, "student" | "file">): string {
  return `${student.student}\u0000${student.file ?? ""}`;
}

/** A place in a file that a message points at; line and column are 1-based, 0 when unknown. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/** Formats a location the way editors and terminals link it: `file:line:column`. */
export function formatLocation(location: Location): string {
  if (location.line <= 0) return location.file;
  if (location.column <= 0) return `${location.file}:${location.line}`;
  return `${location.file}:${location.line}:${location.column}`;
}

/** An error with a stable code that tests and tools can rely on. */
export class NngradeError extends Error {
  readonly code: string;
  readonly location: Location | null;

  constructor(code: string, message: string, location: Location | null = null) {
    super(location ? `${formatLocation(location)} ${message}` : message);
    this.name = new.target.name;
    this.code = code;
    this.location = location;
  }
}

/** A problem file is broken: the instructor must fix it, and grading stops. */
export class ProblemError extends NngradeError {}

/** A rubric file is broken or names something that does not exist. */
export class RubricError extends NngradeError {}

/** The command line itself is wrong: an unknown option, a missing file, an ambiguous default. */
export class UsageError extends NngradeError {}

/**
 * A submission file that cannot be read at all: binary data, text in an unknown encoding, or an
 * answers file whose YAML or JSON is broken. The grader marks the student as unreadable.
 */
export class SubmissionError extends Error {
  override name = "SubmissionError";

  constructor(
    /** Stable code such as `submission.binary` or `submission.invalidYaml`. */
    readonly code: string,
    /** The submission file, as given to the reader. */
    readonly file: string,
    /** 1-based line of the problem, or null when it concerns the whole file. */
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Folds letter case for comparing student ids, which logins and file names spell in any case.
 * Upper case first, so that `ß` matches `SS` and a final `ς` matches `Σ`, which lower case alone
 * does not do.
 */
export function foldIdCase(id: string): string {
  return id.toUpperCase().toLowerCase();
}

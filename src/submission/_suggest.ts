import type { Problem } from "../problem/types.js";
import { normaliseLabel } from "./labels.js";

/** Maximum number of question names that a note about an unrecognised label lists. */
const MAX_SUGGESTIONS = 3;

/** Maximum characters of a label that are compared. A longer label counts by its start only. */
const MAX_COMPARED = 48;

/** A question name close to a label the reader did not recognise. */
export interface Suggestion {
  problem: Problem;
  /** The question id. */
  question: string;
  /** The id or alias closest to the label, such as `\frac{\partial L}{\partial W_2}`. */
  spelling: string;
}

/**
 * Lists the questions whose names are closest to `label`, closest first. Each name is compared
 * twice by edit distance: as written, lower-cased and without spaces, braces, `_`, `$` and
 * backslashes, so `\patial` is one letter away from `\partial`, and by its normalised key, so
 * `\frac{dL}{dW_3}` is close to `dW2`. A derivative compared with a plain value's key counts one
 * edit more. The smaller distance counts.
 */
export function closestQuestions(label: string, problems: Problem[]): Suggestion[] {
  // A class repeats the same unrecognised labels, so each label is ranked once per problem set.
  const cacheKey = `${problems.map((problem) => problem.id).join("\u0000")}\u0001${label}`;
  const cached = suggestionCache.get(cacheKey);
  if (cached && cached.problems.every((problem, index) => problem === problems[index])) return cached.suggestions;
  const suggestions = rankQuestions(label, problems);
  if (suggestionCache.size >= MAX_CACHED_LABELS) suggestionCache.clear();
  suggestionCache.set(cacheKey, { problems: [...problems], suggestions });
  return suggestions;
}

/** Labels whose suggestions are kept; the cache is emptied when full, which keeps memory bounded. */
const MAX_CACHED_LABELS = 4096;
const suggestionCache = new Map<string, { problems: Problem[]; suggestions: Suggestion[] }>();

function rankQuestions(label: string, problems: Problem[]): Suggestion[] {
  const written = compact(label);
  const key = normaliseLabel(label);

  const scored: { suggestion: Suggestion; distance: number }[] = [];
  for (const problem of problems) {
    for (const question of problem.questions) {
      let best: { spelling: string; distance: number } | null = null;
      for (const name of [question.id, ...question.aliases]) {
        const nameKey = normaliseLabel(name);
        let distance = editDistance(written, compactName(name));
        if (key !== null && nameKey !== null) {
          const derivativeMismatch = key.derivative === nameKey.derivative ? 0 : 1;
          distance = Math.min(distance, editDistance(key.key, nameKey.key) + derivativeMismatch);
        }
        if (best === null || distance < best.distance) best = { spelling: name, distance };
      }
      if (best === null) continue;
      const suggestion = { problem, question: question.id, spelling: best.spelling };
      scored.push({ suggestion, distance: best.distance });
    }
  }

  // A stable sort keeps the problem file's order among equally close questions.
  scored.sort((a, b) => a.distance - b.distance);
  return scored.slice(0, MAX_SUGGESTIONS).map((entry) => entry.suggestion);
}

function compact(text: string): string {
  return text.toLowerCase().replace(/[\s{}_$\\]/g, "").slice(0, MAX_COMPARED);
}

/** Compact spellings of question names, which every unrecognised label is compared with. */
const compactNames = new Map<string, string>();

function compactName(name: string): string {
  let compacted = compactNames.get(name);
  if (compacted === undefined) {
    compacted = compact(name);
    if (compactNames.size >= MAX_CACHED_LABELS) compactNames.clear();
    compactNames.set(name, compacted);
  }
  return compacted;
}

/** Returns the Levenshtein distance: the fewest insertions, deletions and substitutions from `a` to `b`. */
export function editDistance(a: string, b: string): number {
  // Two rows of the distance table, swapped after each row. Row i contains the distances from
  // the first i characters of `a`.
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;

  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (code === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

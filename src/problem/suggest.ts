/** Suggests the closest of `candidates` to a misspelt name, or returns "" when none is close. */
export function didYouMean(name: string, candidates: string[]): string {
  const best = closestName(name, candidates);
  return best === null ? "" : `; did you mean "${best}"?`;
}

/** Returns the one of `candidates` close enough to `name` to be what was meant, or null. */
export function closestName(name: string, candidates: string[]): string | null {
  let best = "";
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Two edits cover a swapped pair of letters or a missing and an extra one.
  return bestDistance <= Math.max(1, Math.min(2, Math.floor(name.length / 3))) ? best : null;
}

/** Counts the insertions, deletions, substitutions and swaps of neighbours that turn a into b. */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let distance = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, beforePrevious[j - 2]! + 1);
      }
      current.push(distance);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

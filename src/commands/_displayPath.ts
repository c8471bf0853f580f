import { isAbsolute, relative } from "node:path";

/** Shortens a path for messages: relative to the working folder when it lies below it. */
export function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere && !fromHere.startsWith("..") && !isAbsolute(fromHere) ? fromHere : path;
}

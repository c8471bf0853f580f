import { createRequire } from "node:module";

type YamlModule = typeof import("yaml");

let loaded: YamlModule | null = null;

/**
 * Returns the `yaml` package, loading it on first use. Importing it takes about 30 ms, which a
 * `check` of a Markdown write-up against cached problems never needs to spend.
 */
export function yamlModule(): YamlModule {
  loaded ??= createRequire(import.meta.url)("yaml") as YamlModule;
  return loaded;
}

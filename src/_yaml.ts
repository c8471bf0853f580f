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

type Yaml = YamlModule;

// Wrappers with the package's own signatures, which load it on first call.
export const isMap = ((node: unknown) => yamlModule().isMap(node)) as Yaml["isMap"];
export const isSeq = ((node: unknown) => yamlModule().isSeq(node)) as Yaml["isSeq"];
export const isScalar = ((node: unknown) => yamlModule().isScalar(node)) as Yaml["isScalar"];
export const isAlias = ((node: unknown) => yamlModule().isAlias(node)) as Yaml["isAlias"];
export const parseDocument = ((...args: Parameters<Yaml["parseDocument"]>) =>
  yamlModule().parseDocument(...args)) as Yaml["parseDocument"];

/** Creates a `LineCounter` of the `yaml` package. */
export function createLineCounter(): InstanceType<Yaml["LineCounter"]> {
  return new (yamlModule().LineCounter)();
}

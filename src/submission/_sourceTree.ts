import type { Document, Node } from "yaml";
import { isAlias, isMap, isScalar, isSeq } from "../_yaml.js";

/**
 * Parsed YAML or JSON reduced to what the answers reader uses: the kind of each node, a scalar's
 * value, and offsets into the source text. Offsets follow the yaml package's `range`: `start` is
 * where the node begins and `end` where its value ends (after `]` for a flow sequence, before a
 * trailing comment for a scalar).
 */
export type SourceNode = SourceScalar | SourceList | SourceMap | SourceAlias;

/** A scalar, with the value YAML 1.2's core schema resolves it to. */
export interface SourceScalar {
  kind: "scalar";
  /** A string, number, boolean or null; another type only under a tag such as `!!binary`. */
  value: unknown;
  start: number;
  end: number;
}

/** A sequence, written `[a, b]` or as `- ` items. */
export interface SourceList {
  kind: "list";
  /**
   * Items in order. An item is null only where the yaml package left one out, which no valid
   * document in the tests does.
   */
  items: (SourceNode | null)[];
  start: number;
  end: number;
}

/** A mapping, with its pairs in source order. */
export interface SourceMap {
  kind: "map";
  pairs: SourcePair[];
  start: number;
  end: number;
}

/** A key and its value; either is null when the source leaves it out (`? key` alone). */
export interface SourcePair {
  key: SourceNode | null;
  value: SourceNode | null;
}

/** A YAML alias (`*name`), which the answers reader reports rather than follows. */
export interface SourceAlias {
  kind: "alias";
  /** The anchor name, without `*`. */
  source: string;
  start: number;
  end: number;
}

/**
 * Converts a document parsed by the yaml package. Expects a document without errors whose
 * nesting was checked, so the recursion stays shallow.
 */
export function sourceTreeFromDocument(document: Document): SourceNode | null {
  return convert(document.contents as Node | null);
}

function convert(node: Node | null | undefined): SourceNode | null {
  if (node === null || node === undefined) return null;
  const [start, end] = node.range ?? [0, 0];
  if (isMap(node)) {
    const pairs = node.items.map((pair) => ({
      key: convert(pair.key as Node | null),
      value: convert(pair.value as Node | null),
    }));
    return { kind: "map", pairs, start, end };
  }
  if (isSeq(node)) {
    return { kind: "list", items: node.items.map((item) => convert(item as Node)), start, end };
  }
  if (isAlias(node)) return { kind: "alias", source: node.source, start, end };
  if (isScalar(node)) return { kind: "scalar", value: node.value, start, end };
  return null;
}

/** Returns the value of a mapping's pair whose key is the scalar `key`, as YAMLMap.get does. */
export function valueAt(map: SourceMap, key: string): SourceNode | null | undefined {
  const pair = map.pairs.find((item) => item.key?.kind === "scalar" && item.key.value === key);
  return pair?.value;
}

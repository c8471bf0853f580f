import {
  DEFAULT_FLOP_CONVENTION,
  type ActivationName,
  type Architecture,
  type FlopConvention,
  type Network,
} from "../problem/types.js";
import { SolverError } from "./errors.js";

/** The size of one layer as exact integers, for counting. */
export interface LayerSize {
  name: string;
  inputs: bigint;
  units: bigint;
  activation: ActivationName;
  /** Number of bias parameters: `units` for per-unit biases, 1 for a shared bias, else 0. */
  biasParameters: bigint;
  /** Whether the layer adds a bias, which costs one add per unit. */
  biased: boolean;
}

function isNetwork(model: Architecture | Network): model is Network {
  return Array.isArray(model.input);
}

function toCount(value: number, description: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new SolverError(
      "solver.invalidSize",
      `${description} is ${value} (hint: sizes must be whole numbers of at least 0)`,
    );
  }
  return BigInt(value);
}

/**
 * Lists the size of every layer. An `Architecture` gives sizes directly; a `Network` gives them
 * through its weights, which are inputs × units (row layout) whatever the problem's layout.
 */
export function layerSizes(model: Architecture | Network): LayerSize[] {
  if (isNetwork(model)) {
    return model.layers.map((layer) => {
      const units = BigInt(layer.weights[0]?.length ?? 0);
      let biasParameters = 0n;
      if (Array.isArray(layer.bias)) biasParameters = units;
      else if (typeof layer.bias === "number") biasParameters = 1n;
      return {
        name: layer.name,
        inputs: BigInt(layer.weights.length),
        units,
        activation: layer.activation,
        biasParameters,
        biased: layer.bias !== null,
      };
    });
  }

  let inputs = toCount(model.input, "the architecture's input size");
  return model.layers.map((layer) => {
    const units = toCount(layer.units, `the number of units of layer "${layer.name}"`);
    const size = {
      name: layer.name,
      inputs,
      units,
      activation: layer.activation,
      biasParameters: layer.bias ? units : 0n,
      biased: layer.bias,
    };
    inputs = units;
    return size;
  });
}

// The layers a count covers: all of them when `layer` is null, else the one named.
function selectLayers(model: Architecture | Network, layer: string | null): LayerSize[] {
  const sizes = layerSizes(model);
  if (layer === null) return sizes;

  const found = sizes.filter((size) => size.name === layer);
  if (found.length === 0) {
    const names = sizes.map((size) => `"${size.name}"`).join(", ");
    throw new SolverError("solver.unknownLayer", `no layer is named "${layer}" (layers: ${names})`);
  }
  return found;
}

function conventionFactor(value: number, field: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new SolverError(
      "solver.nonIntegerConvention",
      `the FLOP convention's ${field} is ${value} (hint: use a whole number of FLOPs)`,
    );
  }
  return BigInt(value);
}

/** Counts weights plus biases, of the whole network (`layer` null) or of one layer. */
export function countParameters(
  model: Architecture | Network,
  layer: string | null = null,
): bigint {
  return selectLayers(model, layer).reduce(
    (total, size) => total + size.inputs * size.units + size.biasParameters,
    0n,
  );
}

/** Counts multiply-accumulates for one example: one per weight. */
export function countMacs(model: Architecture | Network, layer: string | null = null): bigint {
  return selectLayers(model, layer).reduce((total, size) => total + size.inputs * size.units, 0n);
}

/**
 * Counts FLOPs for one example under `convention`: `perMac` per weight, `biasAdd` per unit of a
 * biased layer (a shared bias is still added to every unit) and `activation` per unit whose
 * activation is not the identity.
 */
export function countFlops(
  model: Architecture | Network,
  convention: FlopConvention = DEFAULT_FLOP_CONVENTION,
  layer: string | null = null,
): bigint {
  const perMac = conventionFactor(convention.perMac, "per_mac");
  const biasAdd = conventionFactor(convention.biasAdd, "bias_add");
  const activation = conventionFactor(convention.activation, "activation");

  return selectLayers(model, layer).reduce((total, size) => {
    let flops = perMac * size.inputs * size.units;
    if (size.biased) flops += biasAdd * size.units;
    if (size.activation !== "identity") flops += activation * size.units;
    return total + flops;
  }, 0n);
}

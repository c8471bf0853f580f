import type { ErrorObject } from "ajv";

/** A validator compiled ahead of time from a JSON Schema; `errors` holds the last failures. */
interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export const validateProblem: CompiledValidator;
export const validateRubric: CompiledValidator;

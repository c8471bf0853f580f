import type { ErrorObject } from "ajv";
import { validateProblem, validateRubric } from "./_validators.js";
import { closestName, didYouMean } from "./suggest.js";
import type { DataPath } from "./yaml.js";

/** One way a file breaks its schema: where, and what was expected there. */
export interface SchemaIssue {
  path: DataPath;
  message: string;
}

// The validators are compiled from schemas/*.json ahead of time by scripts/build-validators.mjs,
// because compiling them with ajv at start-up took about 50 ms of every command.
type CompiledValidator = typeof validateProblem;

/** Checks parsed problem data against schemas/problem.schema.json. */
export function checkProblemSchema(data: unknown): SchemaIssue[] {
  return collectIssues(validateProblem, data);
}

/** Checks parsed rubric data against schemas/rubric.schema.json. */
export function checkRubricSchema(data: unknown): SchemaIssue[] {
  return collectIssues(validateRubric, data);
}

function collectIssues(validate: CompiledValidator, data: unknown): SchemaIssue[] {
  if (validate(data)) return [];
  const errors = validate.errors ?? [];

  // A misspelt field is both unknown and missing. The error on the unknown one carries the
  // suggestion, so the error on the missing one is left out.
  const misspelt = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== "additionalProperties") continue;
    const suggestion = closestName(String((error.params as Record<string, unknown>).additionalProperty), knownFields(error));
    if (suggestion !== null) misspelt.add(`${error.instancePath}|${suggestion}`);
  }
  const isMisspeltField = (error: ErrorObject): boolean =>
    error.keyword === "required" && misspelt.has(`${error.instancePath}|${String((error.params as Record<string, unknown>).missingProperty)}`);

  // A failed oneOf also reports every branch that failed; the branch errors say more, so the
  // summary is kept only when nothing else was found at that place.
  const issues = errors
    .filter((error) => error.keyword !== "oneOf" && error.keyword !== "if" && !isMisspeltField(error))
    .map(describeError);
  const unique = new Map<string, SchemaIssue>();
  for (const issue of issues.length > 0 ? issues : errors.map(describeError)) {
    unique.set(`${issue.path.join("/")}|${issue.message}`, issue);
  }
  return [...unique.values()];
}

function describeError(error: ErrorObject): SchemaIssue {
  const path = parsePointer(error.instancePath);
  const field = path.length > 0 ? `"${path.join(".")}"` : "the file";
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case "required":
      return {
        path,
        message: `${field} is missing the field "${String(params.missingProperty)}"`,
      };
    case "additionalProperties": {
      const unknown = String(params.additionalProperty);
      const known = knownFields(error);
      return {
        path: [...path, unknown],
        message: `${field} has an unknown field "${unknown}"${didYouMean(unknown, known)}`,
      };
    }
    case "enum": {
      const values = (params.allowedValues as unknown[]).map(String);
      const allowed = values.map((value) => JSON.stringify(value));
      return { path, message: `${field} must be one of ${allowed.join(", ")}${didYouMean(String(error.data), values)}` };
    }
    case "type":
      return { path, message: `${field} must be ${article(String(params.type))}` };
    case "minItems":
      return { path, message: `${field} must not be empty` };
    case "pattern":
      return {
        path,
        message: `${field} must start with a letter or digit and contain only letters, digits, ".", "_" and "-"`,
      };
    default:
      return { path, message: `${field} ${error.message ?? "is invalid"}` };
  }
}

function article(type: string): string {
  const names = type.split(",").map((name) => (name === "array" ? "a list" : `a ${name}`));
  return names.join(" or ");
}

function parsePointer(pointer: string): DataPath {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Returns the fields that the schema of an additionalProperties error allows. */
function knownFields(error: ErrorObject): string[] {
  return Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
}

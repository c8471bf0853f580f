import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readAnswersFile } from "../../src/submission/answers.js";
import { readPlainJson, readPlainYaml } from "../../src/submission/_plainReader.js";
import { SubmissionError } from "../../src/submission/errors.js";
import { bundledProblems } from "./_bundled.js";

// Every answers file must read the same whether the fast readers take it or the yaml package
// parses it. Each case reads the text both ways and compares the whole Submission, or the whole
// SubmissionError when reading fails.

type Outcome = { submission: unknown } | { error: { code: string; line: number | null; message: string } };

function readWith(text: string, parser: "auto" | "yamlPackage", decimalComma = false): Outcome {
  try {
    return { submission: readAnswersFile(text, "a.yaml", bundledProblems(), { decimalComma }, parser) };
  } catch (error) {
    if (!(error instanceof SubmissionError)) throw error;
    return { error: { code: error.code, line: error.line, message: error.message } };
  }
}

/** Returns true when a fast reader builds a tree for the text, as readAnswersFile chooses it. */
function takenByFastReader(text: string): boolean {
  return (/^\s*\{/.test(text) ? readPlainJson(text) : readPlainYaml(text)) !== null;
}

function expectSameReading(text: string): void {
  expect(readWith(text, "auto")).toEqual(readWith(text, "yamlPackage"));
  expect(readWith(text, "auto", true)).toEqual(readWith(text, "yamlPackage", true));
}

const HEAD = "student: amara-mensah-00710\nanswers:\n";

/** Files that the fast readers take. */
const TAKEN: [string, string][] = [
  ["typical yaml", HEAD + "  p2-linear:\n    S2: [2, 3]\n    dW1: [[25, 25], [50, 50]]\n  p4-mlp-size:\n    params: 669706\n"],
  ["comments and blanks", HEAD + "  # p2\n  p2-linear:   # linear\n\n    S2: [2, 3]  # ok\n        # deep comment\n    Y2: [2, 3]\n"],
  ["quoted values", HEAD + "  p4-mlp-size:\n    params: \"669706\"\n    flops: '1338378'\n"],
  ["quoted keys", HEAD + "  \"p2-linear\":\n    'S2': [2, 3]\n    \"Y2\" : [2, 3]\n"],
  ["space before colon", HEAD + "  p2-linear :\n    S2 : [ 2 , 3 ]\n"],
  ["four-space indent", "student: s\nanswers:\n    p2-linear:\n        S2: [2, 3]\n"],
  ["problem numbers", HEAD + "  2:\n    S2: [2, 3]\n  Problem 3:\n    dW1: [[1, 2], [3, 4]]\n  q4:\n    params: 5\n"],
  ["aliases and cells", HEAD + "  p2-linear:\n    s_{2}: [2, 3]\n    dL/dW_1: [[1, 2], [3, 4]]\n    W_2: 7\n"],
  ["special scalars", HEAD + "  p4-mlp-size:\n    params: 0x1F\n    flops: 1e3\n  p2-linear:\n    S2: [.5, +1, 0o17, 1_000]\n    Y2: [~, null, true, .inf]\n    S3: [-.nan, yes, 007, 1.]\n"],
  ["empty and mixed lists", HEAD + "  p2-linear:\n    S2: []\n    Y2: [[]]\n    S3: [1, [2]]\n    Y3: [[1, 2], [3]]\n"],
  ["words and latex", HEAD + "  p4-mlp-size:\n    params: 669,706\n    flops: \\frac{3}{4}\n  p5-sigmoid:\n    loss: 1.2 \\times 10^{-3}\n"],
  ["unicode minus", HEAD + "  p2-linear:\n    S2: [−2, 3]\n    Y2: \"−2\"\n"],
  ["big and precise numbers", HEAD + "  p4-mlp-size:\n    params: 12345678901234567890\n    flops: 1.0000\n"],
  ["unknown names", HEAD + "  p9-none:\n    S2: 1\n  p2-linear:\n    Sx: [2, 3]\n  p3-relu: 5\n"],
  ["keys resolving to numbers", HEAD + "  p2-linear:\n    0x10: 1\n    1.50: 2\n    .inf: 3\n"],
  ["student forms", "student: 00123\nanswers:\n  p2-linear:\n    S2: [2, 3]\n"],
  ["student last", "answers:\n  p2-linear:\n    S2: [2, 3]\nstudent:  spaced  name \n"],
  ["no answers", "student: s\nnotes: none\n"],
  ["no final newline", HEAD + "  p2-linear:\n    S2: [2, 3]"],
  ["typical json", '{\n  "student": "s",\n  "answers": {\n    "p2-linear": {\n      "S2": [\n        2,\n        3\n      ]\n    }\n  }\n}\n'],
  ["compact json", '{"student":"s","answers":{"p4-mlp-size":{"params":-0.5e3,"flops":1E5}}}'],
  ["json literals", '{"student": 12, "answers": {"p2-linear": {"S2": [true, null], "Y2": "", "S3": {"a": 1}}}}'],
  ["json without answers", '{"student": "s", "answers": [1, 2]}'],
];

/** Files outside the subset, which the yaml package parses. */
const FALLBACK: [string, string][] = [
  ["block sequence", HEAD + "  p2-linear:\n    S2:\n      - 2\n      - 3\n"],
  ["anchor and alias", HEAD + "  p2-linear:\n    S2: &a [2, 3]\n    Y2: *a\n"],
  ["tag", HEAD + "  p4-mlp-size:\n    params: !!str 5\n"],
  ["document marker", "---\n" + HEAD + "  p2-linear:\n    S2: [2, 3]\n"],
  ["directive", "%YAML 1.1\n---\n" + HEAD + "  p4-mlp-size:\n    params: 1_000\n"],
  ["flow mapping value", HEAD + "  p2-linear: {S2: [2, 3]}\n"],
  ["duplicate key", HEAD + "  p2-linear:\n    S2: [2, 3]\n    S2: [4, 5]\n"],
  ["key equal as text", HEAD + "  p2-linear:\n    1: [2, 3]\n    \"1\": [4, 5]\n"],
  ["tab indent", "student: s\nanswers:\n\tp2-linear:\n    S2: [2, 3]\n"],
  ["tab in list", HEAD + "  p2-linear:\n    S2: [2,\t3]\n"],
  ["multi-line plain", HEAD + "  p4-mlp-size:\n    params: 12\n      34\n"],
  ["block scalar", HEAD + "  p4-mlp-size:\n    params: |\n      12\n"],
  ["multi-line flow", HEAD + "  p2-linear:\n    S2: [\n      2,\n      3\n    ]\n"],
  ["trailing comma", HEAD + "  p2-linear:\n    S2: [2, 3,]\n"],
  ["empty value", HEAD + "  p4-mlp-size:\n    params:\n    flops: 3\n"],
  ["escape", HEAD + "  p4-mlp-size:\n    params: \"6\\t7\"\n"],
  ["doubled single quote", HEAD + "  p4-mlp-size:\n    params: 'it''s'\n"],
  ["comment without space", HEAD + "  p2-linear:\n    S2: [2, 3]#c\n"],
  ["colon in value", HEAD + "  p2-linear:\n    S2: a:b\n"],
  ["text after list", HEAD + "  p2-linear:\n    S2: [2, 3] extra\n"],
  ["mapping below questions", HEAD + "  p2-linear:\n    S2:\n      a: 1\n"],
  ["odd indent", HEAD + "  p2-linear:\n    S2: [2, 3]\n   Y2: [1, 1]\n"],
  ["unclosed list", HEAD + "  p2-linear:\n    S2: [2, 3\n"],
  ["reserved character", HEAD + "  p2-linear:\n    S2: @x\n"],
  ["indented root", "  student: s\n  answers:\n    p2-linear:\n      S2: 1\n"],
  ["empty file", ""],
  ["json duplicate key", '{"student": "s", "answers": {"p2-linear": {"S2": [2, 3], "S2": [4, 5]}}}'],
  ["json proto key", '{"student": "s", "answers": {"__proto__": {"S2": [2, 3]}}}'],
  ["json escape", '{"student": "s\\u00e9", "answers": {"p2-linear": {"S2": [2, 3]}}}'],
  ["json leading zero", '{"student": "s", "answers": {"p2-linear": {"S2": [01, 3]}}}'],
  ["json yaml-only numbers", '{"student": "s", "answers": {"p2-linear": {"S2": [1., .5], "Y2": [+1, 1e], "S3": [-, 0x1F]}}}'],
  ["json bare word", '{"student": "s", "answers": {"p2-linear": {"S2": [truex, 3]}}}'],
  ["json trailing comma", '{"student": "s", "answers": {"p2-linear": {"S2": [2, 3]},}}'],
  ["json trailing text", '{"student": "s", "answers": {}} extra'],
  ["json tab", '{\n\t"student": "s",\n\t"answers": {}\n}'],
  ["json key on own line", '{"student": "s", "answers": {"p2-linear"\n: {"S2": 1}}}'],
  ["json deep nesting", '{"answers": {"p2-linear": {"S2": ' + "[".repeat(40) + "1" + "]".repeat(40) + "}}}"],
];

describe("answers fast readers", () => {
  it.each(TAKEN)("takes %s", (_name, text) => {
    expect(takenByFastReader(text)).toBe(true);
    expectSameReading(text);
  });

  it.each(FALLBACK)("falls back on %s", (_name, text) => {
    expect(takenByFastReader(text)).toBe(false);
    expectSameReading(text);
  });

  it("keeps lines and sources", () => {
    // Hand-checked: S2's value is on line 4 and its source is the key through the `]`.
    const text = HEAD + "  p2-linear:\n    S2: [2,   3]   # checked\n";
    const outcome = readWith(text, "auto") as { submission: { answers: { line: number; source: string }[] } };
    expect(outcome.submission.answers[0].line).toBe(4);
    expect(outcome.submission.answers[0].source).toBe("S2: [2, 3]");
  });
});

// Generators of answers files in the subset and near it.
const SCALARS = [
  "2", "-3", "0.5", "1e3", "1.0000", "669706", "3/4", "x", "~", "null", "Null", "true", "False",
  "yes", "0x1F", "0o17", ".5", "+1", "1_000", "-.inf", ".NaN", "2.5e-3", "12345678901234567890",
  "1,5", "-0", "007", "1.", "−2", "\\frac{1}{2}", "a b", "$3$", "(4)", "1 338 378", "1e999",
];
/** Scalars of the subset, plain or quoted. */
const cleanScalar = fc.oneof(
  { arbitrary: fc.constantFrom(...SCALARS), weight: 8 },
  { arbitrary: fc.constantFrom(...SCALARS).map((text) => `"${text}"`), weight: 2 },
  { arbitrary: fc.constantFrom(...SCALARS).map((text) => `'${text}'`), weight: 1 },
);
/** Scalars of the subset, plus short strings of YAML indicators and odd characters. */
const wideScalar = fc.oneof(
  { arbitrary: cleanScalar, weight: 10 },
  { arbitrary: fc.string({ unit: fc.constantFrom(..."abc019-+._~:#,[]{}\"'\\ /*&!|>%@`−é"), maxLength: 6 }), weight: 1 },
);
const cleanTrailer = fc.constantFrom("", "", "", " # note", "  ", "\n", "\n# comment");
const wideTrailer = fc.oneof(
  { arbitrary: fc.constant(""), weight: 8 },
  { arbitrary: fc.constantFrom(" # note", "  ", "#x", "\n", "\n# comment", "\n      # deep"), weight: 3 },
);
const cleanSpacing = fc.constantFrom(" ", " ", "  ");
const wideSpacing = fc.oneof({ arbitrary: fc.constant(" "), weight: 8 }, { arbitrary: fc.constantFrom("  ", ""), weight: 1 });

/** Generates answers files in YAML from the given parts. */
function answersYaml(scalar: fc.Arbitrary<string>, trailer: fc.Arbitrary<string>, spacing: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const flowList: fc.Arbitrary<string> = fc.letrec<{ list: string }>((tie) => ({
    list: fc
      .array(fc.oneof({ depthSize: "small" }, scalar, tie("list")), { maxLength: 3 })
      .chain((items) => fc.constantFrom(", ", ",", " , ").map((separator) => `[${items.join(separator)}]`)),
  })).list;
  const value = fc.oneof(scalar, flowList);
  const key = fc.oneof(
    fc.constantFrom("p2-linear", "p3-relu", "p4-mlp-size", "p5-sigmoid", "2", "Q3", "S2", "Y2", "dW1", "params", "flops", "loss", "W_1", "s_{2}"),
    scalar,
  );
  return fc
    .tuple(
      fc.option(scalar),
      fc.uniqueArray(
        fc.tuple(
          key,
          trailer,
          fc.constantFrom(2, 4, 3),
          fc.uniqueArray(fc.tuple(key, spacing, value, trailer), { minLength: 1, maxLength: 4, selector: (entry) => entry[0] }),
        ),
        { minLength: 1, maxLength: 3, selector: (entry) => entry[0] },
      ),
    )
    .map(([student, problems]) => {
      let text = student === null ? "" : `student: ${student}\n`;
      text += "answers:\n";
      for (const [problem, problemTrailer, indent, questions] of problems) {
        text += `  ${problem}:${problemTrailer}\n`;
        for (const [question, space, answer, answerTrailer] of questions) {
          text += `${" ".repeat(2 + indent)}${question}:${space}${answer}${answerTrailer}\n`;
        }
      }
      return text;
    });
}
const cleanYaml = answersYaml(cleanScalar, cleanTrailer, cleanSpacing);
const wideYaml = answersYaml(wideScalar, wideTrailer, wideSpacing);

const jsonNumber = fc.constantFrom("2", "-3", "0.5", "1e3", "1.0000", "-0", "12345678901234567890", "1E-2", "0", "true", "null");
const jsonString = fc.string({ unit: fc.constantFrom(..."ab12 -.,:#[]{}'/−"), maxLength: 6 }).map((text) => JSON.stringify(text));
const jsonList: fc.Arbitrary<string> = fc.letrec<{ list: string }>((tie) => ({
  list: fc.array(fc.oneof({ depthSize: "small" }, jsonNumber, jsonString, tie("list")), { maxLength: 3 }).map((items) => `[${items.join(", ")}]`),
})).list;
const jsonKey = fc.oneof(fc.constantFrom("p2-linear", "p4-mlp-size", "2", "S2", "dW1", "params", "flops"), jsonString.map((text) => JSON.parse(text) as string));
const answersJson = fc
  .tuple(
    fc.array(fc.tuple(jsonKey, fc.array(fc.tuple(jsonKey, fc.oneof(jsonNumber, jsonString, jsonList)), { maxLength: 4 })), { maxLength: 3 }),
    fc.constantFrom(0, 2, 4),
  )
  .map(([problems, indent]) => {
    // Built as text so numbers keep their digits; the layout imitates JSON.stringify's.
    const newline = indent === 0 ? "" : "\n";
    const pad = (level: number): string => " ".repeat(indent * level);
    const object = (entries: string[], level: number): string =>
      entries.length === 0 ? "{}" : `{${newline}${entries.map((entry) => pad(level + 1) + entry).join("," + newline)}${newline}${pad(level)}}`;
    const problemEntries = problems.map(
      ([problem, questions]) =>
        `${JSON.stringify(problem)}: ${object(questions.map(([question, answer]) => `${JSON.stringify(question)}: ${answer}`), 2)}`,
    );
    return object([`"student": "s"`, `"answers": ${object(problemEntries, 1)}`], 0);
  });

/** Inserts, deletes or replaces one character, to reach files just outside the subset. */
function mutated(files: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(files, fc.nat(), fc.constantFrom("", " ", "\n", "\t", "#", ":", "-", "[", "]", "{", '"', "'", "&", "*", "!", ","), fc.boolean())
    .map(([text, at, insert, replace]) => {
      const position = text.length === 0 ? 0 : at % text.length;
      return text.slice(0, position) + insert + text.slice(position + (replace ? 1 : 0));
    });
}

describe("answers fast readers, generated files", () => {
  it("read yaml as the yaml package", () => {
    fc.assert(fc.property(cleanYaml, (text) => expectSameReading(text)), { numRuns: 300 });
  });

  it("read odd yaml as the yaml package", () => {
    fc.assert(fc.property(wideYaml, (text) => expectSameReading(text)), { numRuns: 300 });
  });

  it("read json as the yaml package", () => {
    fc.assert(fc.property(answersJson, (text) => expectSameReading(text)), { numRuns: 300 });
  });

  it("read mutated files as the yaml package", () => {
    fc.assert(fc.property(mutated(fc.oneof(cleanYaml, answersJson)), (text) => expectSameReading(text)), { numRuns: 400 });
  });

  it("take most generated yaml", () => {
    // Guards against a reader that gives up on everything, which would pass the tests above.
    const samples = fc.sample(cleanYaml, { numRuns: 200, seed: 7 });
    const taken = samples.filter(takenByFastReader).length;
    expect(taken).toBeGreaterThan(100);
  });

  it("take most generated json", () => {
    const samples = fc.sample(answersJson, { numRuns: 200, seed: 7 });
    const taken = samples.filter(takenByFastReader).length;
    expect(taken).toBeGreaterThan(100);
  });
});

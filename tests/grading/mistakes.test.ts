import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gradeSubmission, planGrading, type GradingPlan } from "../../src/grading/grade.js";
import { buildRubric, parseRubric } from "../../src/grading/rubric.js";
import type { QuestionResult } from "../../src/grading/types.js";
import { MISTAKE_TITLES, mistakeCatalogue, sameValue } from "../../src/grading/mistakes.js";
import { lintProblem } from "../../src/grading/verify.js";
import { parseProblem } from "../../src/problem/load.js";
import { solveProblem } from "../../src/solver/solve.js";
import type { ReadAnswer, Submission } from "../../src/submission/types.js";
import { typed } from "./helpers.js";

const problemIds = ["p2-linear", "p3-relu", "p4-mlp-size", "p5-sigmoid", "p6-softmax"];
const problems = problemIds.map((id) =>
  parseProblem(readFileSync(new URL(`../../problems/${id}.yaml`, import.meta.url), "utf8"), `${id}.yaml`),
);

/** Builds a grading plan where every question is worth 4 points. */
function plan(extra = ""): GradingPlan {
  const points = problems.flatMap((problem) => problem.questions.map((question) => `  ${problem.id}.${question.id}: 4`));
  const text = `assignment: test\nproblems: [${problemIds.join(", ")}]\npoints:\n${points.join("\n")}\n${extra}`;
  const rubric = buildRubric(parseRubric(text, "test.yaml"), problems);
  const solutions = new Map(problems.map((problem) => [problem.id, solveProblem(problem)]));
  return planGrading(rubric, solutions);
}

const defaultPlan = plan();

type Written = number | string | (number | string)[] | (number | string)[][];

/** Grades answers given as { "problem.question": value } and returns each question's result. */
function grade(answers: Record<string, Written>, gradingPlan = defaultPlan): Map<string, QuestionResult> {
  const read: ReadAnswer[] = Object.entries(answers).map(([key, value], index) => {
    const [problem, question] = key.split(".") as [string, string];
    let rows: Written[][] | null = null;
    if (Array.isArray(value) && Array.isArray(value[0])) rows = value as Written[][];
    else if (Array.isArray(value)) rows = [value as Written[]];
    return {
      problem,
      question,
      value: rows
        ? { kind: "matrix", rows: rows.map((row) => row.map((entry) => typed(String(entry)))) }
        : { kind: "number", number: typed(String(value)) },
      error: null,
      line: index + 1,
      label: question,
      source: "",
      assembled: false,
    };
  });
  const submission: Submission = { student: "s", file: "s.md", answers: read, notes: [] };
  const result = gradeSubmission(submission, gradingPlan);
  return new Map(result.questions.map((question) => [`${question.problem}.${question.question}`, question]));
}

/** Returns the misconception found for one answer. */
function diagnosed(key: string, value: Written): string | undefined {
  return grade({ [key]: value }).get(key)?.misconception;
}

describe("mistake diagnosis on p2 (linear, ½ squared error)", () => {
  // Correct: δ3 = Y3 − T = [5, 10], dW2 = [2, 3]ᵀ[5, 10], δ2 = δ3·W2ᵀ = [25, 25], dW1 = [1, 2]ᵀ[25, 25].
  it.each([
    ["p2-linear.dW2", [[10, 15], [20, 30]], "transposed"],
    ["p2-linear.dW1", [[-25, -25], [-50, -50]], "flipped_error_sign"],
    ["p2-linear.dW2", [[-10, -20], [-15, -30]], "flipped_error_sign"],
    // Without the ½, dL/dY doubles: [10, 20], so every gradient doubles.
    ["p2-linear.dW2", [[20, 40], [30, 60]], "dropped_half"],
    ["p2-linear.dW1", [[50, 50], [100, 100]], "dropped_half"],
    // Through W1 instead of W2: δ3·W1ᵀ = [5·2 + 10·1, 5·0 + 10·1] = [20, 10], times x = [1, 2].
    ["p2-linear.dW1", [[20, 10], [40, 20]], "wrong_layer_weights"],
  ] as [string, Written, string][])("diagnoses %s = %j as %s", (key, value, code) => {
    expect(diagnosed(key, value)).toBe(code);
  });

  it("gives the rubric's share for a recognised mistake", () => {
    const result = grade({ "p2-linear.dW2": [[-10, -20], [-15, -30]] }).get("p2-linear.dW2")!;
    expect(result.points).toBe(2);
    expect(result.verdict).toBe("partial");
  });

  it("uses the rubric's credit override", () => {
    const strict = plan("misconceptions: {flipped_error_sign: 0}");
    const result = grade({ "p2-linear.dW2": [[-10, -20], [-15, -30]] }, strict).get("p2-linear.dW2")!;
    expect(result.misconception).toBe("flipped_error_sign");
    expect(result.points).toBe(0);
  });
});

describe("mistake diagnosis on p3 (ReLU)", () => {
  // S2 = [2, −1], Y2 = [2, 0], S3 = [−2, 4], Y3 = [0, 4], δ3 = [0, 4]·ReLU′(S3) = [0, 4].
  it.each([
    // Without ReLU′(S2) = [1, 0]: δ2 = δ3·W2ᵀ = [8, 8], dW1 = [1, 2]ᵀ[8, 8].
    ["p3-relu.dW1", [[8, 8], [16, 16]], "missing_activation_derivative"],
    ["p3-relu.dW1", [[-8, 0], [-16, 0]], "flipped_error_sign"],
    // S2 in place of Y2: [2, −1]ᵀ[0, 4] = [[0, 8], [0, −4]].
    ["p3-relu.dW2", [[0, 8], [0, -4]], "pre_activation_as_input"],
    // Through W1: δ3·W1ᵀ = [0·2 + 4·1, 0·0 + 4·(−1)] = [4, −4], times ReLU′(S2) = [4, 0].
    ["p3-relu.dW1", [[4, 0], [8, 0]], "wrong_layer_weights"],
    // Y2 given as S2: the ReLU was not applied.
    ["p3-relu.Y2", [2, -1], "pre_activation_as_input"],
  ] as [string, Written, string][])("diagnoses %s = %j as %s", (key, value, code) => {
    expect(diagnosed(key, value)).toBe(code);
  });

  it("names a mistake per element", () => {
    // Only the first row is off, by exactly the missing ReLU derivative: [8, 8] in place of [8, 0].
    const result = grade({ "p3-relu.dW1": [[8, 8], [16, 0]] }).get("p3-relu.dW1")!;
    expect(result.misconception).toBe("missing_activation_derivative");
    expect(result.feedback).toContain("(1, 2)");
  });
});

describe("mistake diagnosis on p4 (counts)", () => {
  // Weights: 784·512 + 512·512 + 512·10 = 401,408 + 262,144 + 5,120 = 668,672; biases 1,034.
  it.each([
    ["p4-mlp-size.params", 668672, "biases_left_out"],
    ["p4-mlp-size.flops", 2 * 668672, "biases_left_out"],
    ["p4-mlp-size.flops", 668672, "macs_for_flops"],
    // One FLOP per MAC: 668,672 + 1,034.
    ["p4-mlp-size.flops", 669706, "other_flop_convention"],
    // Counting the 1,024 ReLU units as one FLOP each: 1,338,378 + 1,024.
    ["p4-mlp-size.flops", 1339402, "other_flop_convention"],
    // Twice the parameters, 2 × 669706: each bias addition counted as two FLOPs.
    ["p4-mlp-size.flops", 1339412, "other_flop_convention"],
    // Input 28: 28·512 + 262,144 + 5,120 = 281,600 weights, plus 1,034 biases.
    ["p4-mlp-size.params", 282634, "input_side_for_size"],
    ["p4-mlp-size.flops", 2 * 281600 + 1034, "input_side_for_size"],
  ] as [string, Written, string][])("diagnoses %s = %j as %s", (key, value, code) => {
    expect(diagnosed(key, value)).toBe(code);
  });
});

describe("mistake diagnosis on p5 (sigmoid, η = 0.1)", () => {
  // dW2 = [[−0.0619555], [−0.0373620]], W2 = [[0.5], [−0.3]], so W2 − 0.1·dW2 = [[0.5061955], [−0.2962638]].
  it.each([
    ["p5-sigmoid.W2_new", [[-0.0619555], [-0.037362]], "gradient_for_update"],
    ["p5-sigmoid.dW2", [[0.5061955], [-0.2962638]], "update_for_gradient"],
    // W2 − dW2 = [[0.5619555], [−0.2626380]].
    ["p5-sigmoid.W2_new", [[0.5619555], [-0.262638]], "learning_rate_left_out"],
    // Without σ′(S3): δ3 = y3 − t = −0.3998669, dW2 = Y2ᵀδ3 = [0.6456563, 0.3893608]·(−0.3998669).
    ["p5-sigmoid.dW2", [[-0.2581766], [-0.1556925]], "missing_activation_derivative"],
    // Y2 given as S2 = x·W1 + b1 = [0.2 + 0.3 + 0.1, −0.4 + 0.05 − 0.1] = [0.6, −0.45].
    ["p5-sigmoid.Y2", [0.6, -0.45], "pre_activation_as_input"],
  ] as [string, Written, string][])("diagnoses %s = %j as %s", (key, value, code) => {
    expect(diagnosed(key, value)).toBe(code);
  });

  it("names the update's flipped sign", () => {
    // W2 + 0.1·dW2 = [[0.5 − 0.0061956], [−0.3 − 0.0037362]] = [[0.4938045], [−0.3037362]].
    const result = grade({ "p5-sigmoid.W2_new": [[0.4938045], [-0.3037362]] }).get("p5-sigmoid.W2_new")!;

    expect(result.misconception).toBe("update_sign_flipped");
    expect(result.feedback).toContain("W + η·dL/dW");
    expect(result.points).toBe(2);
  });

  it("keeps W + η·g apart from a flipped gradient", () => {
    // A right dW1 = [[−0.0109768, 0.0068444], [−0.0054884, 0.0034222]] added to
    // W1 = [[0.2, −0.4], [0.6, 0.1]] with η = 0.1 gives [[0.1989023, −0.3993156], [0.5994512, 0.1003422]].
    // Every entry keeps the sign of the right W1_new, so "opposite sign" would be false.
    const results = grade({
      "p5-sigmoid.dW1": [[-0.0109768, 0.0068444], [-0.0054884, 0.0034222]],
      "p5-sigmoid.W1_new": [[0.1989023, -0.3993156], [0.5994512, 0.1003422]],
    });
    const update = results.get("p5-sigmoid.W1_new")!;

    expect(results.get("p5-sigmoid.dW1")!.verdict).toBe("correct");
    expect(update.misconception).toBe("update_sign_flipped");
    expect(update.feedback).not.toContain("opposite sign");
  });

  it("explains a dropped ½ in an update", () => {
    // With dL/dy doubled, the step doubles: W2 − 0.2·dW2 = [[0.5 + 0.0123911], [−0.3 + 0.0074724]].
    const result = grade({ "p5-sigmoid.W2_new": [[0.5123911], [-0.2925276]] }).get("p5-sigmoid.W2_new")!;

    expect(result.misconception).toBe("dropped_half");
    expect(result.feedback).toContain("twice as long");
    expect(result.feedback).not.toContain("twice the right value");
  });

  it("offers one mistake per wrong update value", () => {
    // W − η·(−g) and W + η·g are the same weights, so the catalogue must list them once, or the
    // grader names whichever comes first.
    const problem = problems.find((candidate) => candidate.id === "p5-sigmoid")!;
    const catalogue = mistakeCatalogue(problem, solveProblem(problem));

    for (const question of ["W1_new", "W2_new"]) {
      const offered = catalogue.filter((mistake) => mistake.values.has(question));
      for (const [a, first] of offered.entries()) {
        for (const second of offered.slice(a + 1)) {
          const tie = sameValue(first.values.get(question)!, second.values.get(question)!);
          expect(tie, `${question}: ${first.code} and ${second.code} give the same value`).toBe(false);
        }
      }
    }
    expect(lintProblem(problem, solveProblem(problem)).join("\n")).not.toContain("give the same value");
    const flipped = catalogue.filter((mistake) => mistake.code === "flipped_error_sign");
    expect(flipped.some((mistake) => mistake.values.has("W1_new"))).toBe(false);
    expect(flipped.some((mistake) => mistake.values.has("dW1"))).toBe(true);
  });
});

describe("mistake diagnosis on p6 (softmax, cross-entropy)", () => {
  // δ3 = p − t = [0.8579768, −0.8838855, 0.0259087]; δ3·W2ᵀ = [0.8320681, −0.4548971].
  it.each([
    ["p6-softmax.dW2", [[-1.7159536, 1.7677709, -0.0518173], [0, 0, 0]], "flipped_error_sign"],
    // Without ReLU′(S2) = [1, 0] the second column stays: x = [1, 2] times [0.8320681, −0.4548971].
    ["p6-softmax.dW1", [[0.8320681, -0.4548971], [1.6641362, -0.9097942]], "missing_activation_derivative"],
  ] as [string, Written, string][])("diagnoses %s = %j as %s", (key, value, code) => {
    expect(diagnosed(key, value)).toBe(code);
  });
});

describe("follow-through credit", () => {
  // A wrong S2 = Y2 = [2, 4] carried on: S3 = [2, 4]·W2 = [6, 12], dW2 = [2, 4]ᵀ[6, 12].
  const consistent = [[12, 24], [24, 48]];

  it("credits gradients right for the student's own S2", () => {
    const results = grade({ "p2-linear.S2": [2, 4], "p2-linear.Y2": [2, 4], "p2-linear.dW2": consistent });
    const dW2 = results.get("p2-linear.dW2")!;
    expect(dW2.verdict).toBe("partial");
    expect(dW2.points).toBe(2);
    expect(dW2.feedback).toContain("S2");
  });

  it("gives nothing when earlier parts are blank", () => {
    const dW2 = grade({ "p2-linear.dW2": consistent }).get("p2-linear.dW2")!;
    expect(dW2.points).toBe(0);
  });

  it("uses the rubric's follow-through share", () => {
    const results = grade(
      { "p2-linear.S2": [2, 4], "p2-linear.Y2": [2, 4], "p2-linear.dW2": consistent },
      plan("follow_through: 0.25"),
    );
    expect(results.get("p2-linear.dW2")!.points).toBe(1);
  });
});

describe("mistake catalogue coverage", () => {
  // The hand-made cases above check the numbers. This checks that no catalogue entry is shadowed
  // by another one on any bundled problem, unless verify's lint reports the pair.
  const cases = problems.flatMap((problem) => {
    const solution = solveProblem(problem);
    const lint = lintProblem(problem, solution).join("\n");
    return mistakeCatalogue(problem, solution).flatMap((mistake) =>
      [...mistake.values].map(([question, value]) => ({ problem, question, code: mistake.code, value, lint })),
    );
  });

  it.each(cases.map((entry) => [entry.problem.id, entry.question, entry.code, entry] as const))(
    "%s %s shows %s",
    (_problem, _question, code, entry) => {
      const written = (entry.value.kind === "count"
        ? entry.value.value.toString()
        : entry.value.kind === "scalar"
          ? entry.value.value
          : entry.value.values) as Written;
      const found = diagnosed(`${entry.problem.id}.${entry.question}`, written);
      if (found !== code) {
        expect(entry.lint).toContain(MISTAKE_TITLES[code]!);
      } else {
        expect(found).toBe(code);
      }
    },
  );
});

describe("count feedback", () => {
  it("hints at the kind of count asked", () => {
    // 12345 is no count of the network and matches no catalogued mistake.
    const results = grade({ "p4-mlp-size.params": 12345, "p4-mlp-size.flops": 12345 });

    expect(results.get("p4-mlp-size.params")?.feedback).toContain("plus one bias per unit");
    expect(results.get("p4-mlp-size.flops")?.misconception).toBeUndefined();
    expect(results.get("p4-mlp-size.flops")?.feedback).toContain("with the problem's convention");
    expect(results.get("p4-mlp-size.flops")?.feedback).not.toContain("plus one bias per unit");
  });
});

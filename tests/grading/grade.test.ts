import { describe, expect, it } from "vitest";
import { gradeQuestion } from "../../src/grading/grade.js";
import { answer, context, matrixValue, numberValue } from "./helpers.js";

// p2's dW2 worked by hand: Y2 = [2, 3], δ3 = Y3 − T = [5, 10], dW2 = Y2ᵀ δ3 = [[10, 20], [15, 30]].
const dW2 = { kind: "matrix" as const, values: [[10, 20], [15, 30]] };

describe("gradeQuestion", () => {
  it("gives full points for the right matrix", () => {
    const result = gradeQuestion([answer(matrixValue([[10, 20], [15, 30]]))], context(dW2));
    expect(result.verdict).toBe("correct");
    expect(result.points).toBe(4);
    expect(result.line).toBe(10);
  });

  it("gives per-element partial credit", () => {
    const result = gradeQuestion([answer(matrixValue([[10, 20], [15, 31]]))], context(dW2));
    expect(result.verdict).toBe("partial");
    expect(result.points).toBe(3);
    expect(result.wrong_cells).toEqual([[1, 1]]);
  });

  it("gives nothing for a wrong cell when all or nothing", () => {
    const settings = { ...context(dW2), partialCredit: "all_or_nothing" as const };
    const result = gradeQuestion([answer(matrixValue([[10, 20], [15, 31]]))], settings);
    expect(result.points).toBe(0);
  });

  it("names a transposed square matrix", () => {
    const result = gradeQuestion([answer(matrixValue([[10, 15], [20, 30]]))], context(dW2));
    expect(result.verdict).not.toBe("correct");
    expect(result.misconception).toBe("transposed");
    expect(result.points).toBe(2);
  });

  it("names a transposed rectangular matrix", () => {
    const expected = { kind: "matrix" as const, values: [[1, 2, 3], [4, 5, 6]] };
    const result = gradeQuestion([answer(matrixValue([[1, 4], [2, 5], [3, 6]]))], context(expected));
    expect(result.verdict).toBe("partial");
    expect(result.points).toBe(2);
    expect(result.misconception).toBe("transposed");
  });

  it("reports a shape mismatch", () => {
    const result = gradeQuestion([answer(matrixValue([[10, 20, 0], [15, 30, 0]]))], context(dW2));
    expect(result.verdict).toBe("incorrect");
    expect(result.feedback).toContain("2×3");
  });

  it("accepts a vector in either orientation", () => {
    const expected = { kind: "vector" as const, values: [2, -1] };
    const column = gradeQuestion([answer(matrixValue([[2], [-1]]))], context(expected));
    const row = gradeQuestion([answer(matrixValue([[2, -1]]))], context(expected));
    expect(column.verdict).toBe("correct");
    expect(row.verdict).toBe("correct");
  });

  it("names a vector's wrong entry by number", () => {
    // S2 = [2, 3]; 2.5 is 17% off the second entry, in a row or a column.
    const expected = { kind: "vector" as const, values: [2, 3] };
    const column = gradeQuestion([answer(matrixValue([[2], [2.5]]))], context(expected));
    const row = gradeQuestion([answer(matrixValue([[2, 2.5]]))], context(expected));

    expect(column.feedback).toBe("1 of 2 entries are right; entry 2 is not within 1% of the expected value.");
    expect(row.feedback).toBe(column.feedback);
  });

  it("names a matrix's wrong entry by row and column", () => {
    const result = gradeQuestion([answer(matrixValue([[10, 20], [15, 31]]))], context(dW2));

    expect(result.feedback).toBe("3 of 4 entries are right; the entry at (2, 2) is not within 1% of the expected value.");
  });

  it("reports a missing answer", () => {
    const result = gradeQuestion([], context(dW2));
    expect(result.verdict).toBe("missing");
    expect(result.points).toBe(0);
    expect(result.submitted).toBeNull();
  });

  it("suggests no bare weight name for a missing gradient", () => {
    const gradient = context(dW2);
    gradient.question.aliases = ["W_2", "dW_2", "\\frac{\\partial L}{\\partial W_2}"];
    const result = gradeQuestion([], gradient);

    expect(result.feedback).toContain('label the result "q" or "dW_2" or "\\frac{\\partial L}{\\partial W_2}"');
    expect(result.feedback).not.toContain('"W_2"');
  });

  it("places a notebook answer by its cell", () => {
    // A notebook answer's line is the JSON's, 1 for a notebook saved on one line.
    const first = { ...answer(matrixValue([[1, 2], [3, 4]]), 1), source: "cell 3, line 3: dW2 = [[1, 2], [3, 4]]" };
    const last = { ...answer(null, 1), source: "cell 4, output line 2: dW2 = [[1 2]", error: { code: "submission.raggedMatrix", message: "rows differ" } };
    const result = gradeQuestion([first, last], context(dW2));

    expect(result.feedback).toBe("The answer on cell 4, output line 2 could not be read: rows differ.");
    expect(result.warnings?.[0]).toContain("(cell 3, line 3 and cell 4, output line 2)");
  });

  it("grades the last of two different answers and warns", () => {
    const first = answer(matrixValue([[1, 2], [3, 4]]), 5);
    const last = answer(matrixValue([[10, 20], [15, 30]]), 9);
    const result = gradeQuestion([first, last], context(dW2));
    expect(result.verdict).toBe("correct");
    expect(result.warnings?.[0]).toContain("line 5");
    // The later value may belong to a problem whose start the reader missed, such as a "3." line.
    expect(result.warnings?.[0]).toContain('If line 9 belongs to another problem, start that problem the way the others start');
  });

  it("compares different counts beyond 2^53", () => {
    const expected = { kind: "count" as const, value: 669706n };
    const first = answer(numberValue("100000000000000000001"), 5);
    const last = answer(numberValue("100000000000000000002"), 9);
    const result = gradeQuestion([first, last], context(expected));
    expect(result.verdict).toBe("incorrect");
    expect(result.warnings?.[0]).toContain("line 5 and line 9");
  });

  it("names two earlier lines as lines", () => {
    const result = gradeQuestion(
      [answer(matrixValue([[1, 2], [3, 4]]), 2), answer(matrixValue([[5, 6], [7, 8]]), 6), answer(matrixValue([[10, 20], [15, 30]]), 8)],
      context(dW2),
    );
    expect(result.warnings?.[0]).toContain("(lines 2, 6 and line 8)");
  });

  it("warns about two values on one line", () => {
    const result = gradeQuestion([answer(matrixValue([[1, 2], [3, 4]]), 3), answer(matrixValue([[10, 20], [15, 30]]), 3)], context(dW2));

    expect(result.warnings?.[0]).toBe(
      "You gave different values for this question on line 3; the last one on the line was graded. If it is not your answer, give the answer last, or on a line of its own.",
    );
  });

  it("lists only ten of many differing lines", () => {
    // 25 earlier answers, each different from the last one on line 100.
    const earlier = Array.from({ length: 25 }, (_, i) => answer(matrixValue([[i, 0], [0, 0]]), i + 1));
    const last = answer(matrixValue([[10, 20], [15, 30]]), 100);
    const result = gradeQuestion([...earlier, last], context(dW2));
    expect(result.warnings?.[0]).toContain("lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15 more lines, and line 100");
  });

  it("names the files of differing answers", () => {
    // Two files of one student, each with dW2 on its line 2, as a.md and b.md of a folder olga/.
    const first = { ...answer(matrixValue([[1, 2], [3, 4]]), 2), file: "olga/a.md" };
    const last = { ...answer(matrixValue([[10, 20], [15, 30]]), 2), file: "olga/b.md" };
    const result = gradeQuestion([first, last], context(dW2));
    expect(result.verdict).toBe("correct");
    expect(result.file).toBe("olga/b.md");
    const warning = result.warnings?.[0] ?? "";
    expect(warning).toContain("(line 2 of olga/a.md and line 2 of olga/b.md)");
    expect(warning).toContain("the last one, line 2 of olga/b.md, was graded");
    expect(warning).toContain("an answer in a later file replaces one in an earlier file");
    expect(warning).not.toContain("If line 2 belongs to another problem");
  });

  it("names files of many differing answers", () => {
    // 12 earlier answers in a.md, each different from the last one, in b.md.
    const earlier = Array.from({ length: 12 }, (_, i) => ({ ...answer(matrixValue([[i, 0], [0, 0]]), i + 1), file: "a.md" }));
    const last = { ...answer(matrixValue([[10, 20], [15, 30]]), 4), file: "b.md" };
    const result = gradeQuestion([...earlier, last], context(dW2));
    expect(result.warnings?.[0]).toContain("line 9 of a.md, line 10 of a.md, 2 more lines, and line 4 of b.md)");
  });

  it("leaves files out for answers in one file", () => {
    // With several files, every answer has a file, but these two come from the same one.
    const first = { ...answer(matrixValue([[1, 2], [3, 4]]), 5), file: "olga/b.md" };
    const last = { ...answer(matrixValue([[10, 20], [15, 30]]), 9), file: "olga/b.md" };
    const result = gradeQuestion([first, last], context(dW2));
    expect(result.warnings?.[0]).toContain("(line 5 and line 9); the last one, on line 9, was graded");
  });

  it("warns about too few digits", () => {
    // 0.0068444 rounded to one significant digit is 0.007, which is 2.3% off: outside 1%.
    const expected = { kind: "scalar" as const, value: 0.0068444 };
    const result = gradeQuestion([answer(numberValue("0.007"))], context(expected));
    expect(result.verdict).toBe("incorrect");
    expect(result.warnings?.[0]).toContain("significant");
  });

  it.each([
    ["inf", Infinity],
    ["1e400", Number("1e400")],
    ["NaN", NaN],
  ])("gives %s no credit as not finite", (text, value) => {
    const expected = { kind: "scalar" as const, value: 2 };
    const result = gradeQuestion([answer(numberValue(text, value))], context(expected));
    expect(result.verdict).toBe("incorrect");
    expect(result.points).toBe(0);
    expect(result.feedback).toContain("not a finite number");
  });

  it("never puts the expected value in feedback", () => {
    const result = gradeQuestion([answer(matrixValue([[11, 21], [16, 31]]))], context(dW2));
    for (const value of ["10", "20", "15", "30"]) expect(result.feedback).not.toContain(value);
  });
});

describe("gradeQuestion with digits: 3", () => {
  // 0.3442 to 3 significant figures is 0.344, so the band is 0.51 · 0.001 = 0.00051 either side.
  const loss = { kind: "scalar" as const, value: 0.3442 };
  const digits = { digits: 3 };

  it("words a wrong number as a sentence", () => {
    const result = gradeQuestion([answer(numberValue("0.35"))], context(loss, 1, digits));
    expect(result.verdict).toBe("incorrect");
    expect(result.feedback).toBe("Does not match the expected value to 3 significant figures.");
  });

  it("names the wrong entry of a matrix", () => {
    const result = gradeQuestion([answer(matrixValue([[10, 20], [15, 31]]))], context(dW2, 4, digits));
    expect(result.verdict).toBe("partial");
    expect(result.feedback).toBe(
      "3 of 4 entries are right; the entry at (2, 2) does not match the expected value to 3 significant figures.",
    );
  });

  it("words two wrong entries in the plural", () => {
    const result = gradeQuestion([answer(matrixValue([[10, 20], [16, 31]]))], context(dW2, 4, digits));
    expect(result.feedback).toBe(
      "2 of 4 entries are right; the entries at (2, 1), (2, 2) do not match the expected values to 3 significant figures.",
    );
  });

  it("words a matrix with no right entry", () => {
    const result = gradeQuestion([answer(matrixValue([[11, 21], [16, 31]]))], context(dW2, 4, digits));
    expect(result.verdict).toBe("incorrect");
    expect(result.feedback).toBe("None of the 4 entries matches the expected values to 3 significant figures.");
  });

  it("words a right matrix", () => {
    const result = gradeQuestion([answer(matrixValue([[10, 20], [15, 30]]))], context(dW2, 4, digits));
    expect(result.verdict).toBe("correct");
    expect(result.feedback).toBe("Correct: all 4 entries match the expected values to 3 significant figures.");
  });

  it("keeps the tolerance field text", () => {
    const result = gradeQuestion([answer(numberValue("0.35"))], context(loss, 1, digits));
    expect(result.tolerance).toBe("to 3 significant figures");
  });
});

describe("gradeQuestion on counts", () => {
  // 784·512 + 512·512 + 512·10 weights = 401,408 + 262,144 + 5,120 = 668,672, plus 1,034 biases.
  const parameters = { kind: "count" as const, value: 669706n };

  it("accepts the exact count", () => {
    const result = gradeQuestion([answer(numberValue("669706"))], context(parameters));
    expect(result.verdict).toBe("correct");
  });

  it("rejects a count one off", () => {
    const result = gradeQuestion([answer(numberValue("669707"))], context(parameters));
    expect(result.verdict).toBe("incorrect");
  });

  it("tells 2^53 + 1 from 2^53", () => {
    const huge = { kind: "count" as const, value: 9007199254740992n };
    const result = gradeQuestion([answer(numberValue("9007199254740993"))], context(huge));
    expect(result.verdict).toBe("incorrect");
  });

  it.each([
    // 669706 to 4 significant digits is 669700 (6.697e5), and to 2 it is 670000.
    ["6.697e5", 669700, "rounded to 4 significant digits"],
    ["6.7e5", 670000, "rounded to 2 significant digits"],
    ["670000", 670000, "rounded to 2 significant digits"],
  ])("names a rounded count: %s", (text, value, words) => {
    const result = gradeQuestion([answer(numberValue(text, value))], context(parameters));

    expect(result.verdict).toBe("incorrect");
    expect(result.feedback).toContain(words);
    expect(result.feedback).toContain("Write the whole number.");
  });

  it.each([
    // 669706 rounded to 2 digits is 670000, not 680000.
    ["6.8e5", 680000],
    // One off in the last digits, more likely a miscount than a rounding.
    ["669710", 669710],
    // Rounded to one digit, too coarse to call the right count.
    ["700000", 700000],
  ])("asks to recount %s", (text, value) => {
    const result = gradeQuestion([answer(numberValue(text, value))], context(parameters));

    expect(result.feedback).toContain("is not the right count");
  });

  it("names a rounded count with thousands separators", () => {
    const result = gradeQuestion([answer(numberValue("670,000", 670000))], context(parameters));

    expect(result.feedback).toContain("rounded to 2 significant digits");
  });

  it("gives an infinite count no credit", () => {
    const result = gradeQuestion([answer(numberValue("1e400", Infinity))], context(parameters));
    expect(result.verdict).toBe("incorrect");
    expect(result.feedback).toContain("not a finite number");
  });
});

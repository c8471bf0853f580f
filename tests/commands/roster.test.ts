import { describe, expect, it } from "vitest";
import { parseRoster, rosterSpelling } from "../../src/commands/roster.js";
import { UsageError } from "../../src/errors.js";

/** Parses a roster and returns the UsageError it throws. */
function rosterError(text: string): UsageError {
  try {
    parseRoster(text, "roster.csv");
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error("parseRoster accepted the roster");
}

describe("parseRoster", () => {
  it("rejects ids differing only in case", () => {
    const error = rosterError("id,name,email\nbob,Bob,b@x\nBOB,Bobby,b2@x\n");

    expect(error.code).toBe("roster.duplicateId");
    expect(error.message).toContain("roster.csv:3");
    expect(error.message).toContain('"BOB"');
    expect(error.message).toContain('"bob" on line 2');
  });

  it("folds ß as rosterSpelling does", () => {
    const error = rosterError("id\nSTRASSE\nstraße\n");

    expect(error.code).toBe("roster.duplicateId");
    expect(error.message).toContain("roster.csv:3");
  });

  it("still names an exact repeat", () => {
    const error = rosterError("id\nana\nben\nana\n");

    expect(error.message).toContain('roster.csv:4 repeats the id "ana" of line 2');
  });

  it("accepts ids that differ beyond case", () => {
    const roster = parseRoster("id\nbob\nbob2\nBo-b\n", "roster.csv");

    expect(roster.map((entry) => entry.id)).toEqual(["bob", "bob2", "Bo-b"]);
  });
});

describe("rosterSpelling", () => {
  const roster = new Set(["Hana-Kim", "STRASSE", "ΟΔΥΣΣΕΥΣ", "ana", "Ana"]);

  it.each([
    ["hana-kim", "Hana-Kim"],
    ["HANA-KIM", "Hana-Kim"],
    // ß upper-cases to SS, and a final ς to Σ.
    ["straße", "STRASSE"],
    ["οδυσσευσ", "ΟΔΥΣΣΕΥΣ"],
  ])("spells %s as %s", (id, spelling) => {
    expect(rosterSpelling(id, roster)).toBe(spelling);
  });

  it("keeps an exact match", () => {
    expect(rosterSpelling("ana", roster)).toBe("ana");
  });

  it("keeps an id that two roster ids match", () => {
    expect(rosterSpelling("ANA", roster)).toBe("ANA");
  });

  it("keeps an id off the roster", () => {
    expect(rosterSpelling("zoe", roster)).toBe("zoe");
    expect(rosterSpelling("hana-kim", null)).toBe("hana-kim");
  });
});

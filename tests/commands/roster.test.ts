import { describe, expect, it } from "vitest";
import { rosterSpelling } from "../../src/commands/roster.js";

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

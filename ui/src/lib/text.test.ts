import { describe, expect, it } from "vitest";
import { count, describeChange, mergeSummary, precedent, speakerLine, tone, worthWhy } from "./format";
import type { Claim } from "./api";
import { codepointLength, isWebLink, offsetOf, segments, shorten, toSpan, trimSelection } from "./text";

describe("segments", () => {
  it("splits at every boundary and lists covering claims innermost first", () => {
    const cps = Array.from("abcdefghij");
    const segs = segments(cps, [
      { id: "outer", span: { start: 2, end: 8 } },
      { id: "inner", span: { start: 4, end: 6 } },
    ]);
    expect(segs.map((s) => [s.text, s.claims])).toEqual([
      ["ab", []],
      ["cd", ["outer"]],
      ["ef", ["inner", "outer"]],
      ["gh", ["outer"]],
      ["ij", []],
    ]);
  });

  it("counts in code points, as the core does", () => {
    const cps = Array.from("😀 said “hi”");
    const segs = segments(cps, [{ id: "q", span: { start: 8, end: 10 } }]);
    expect(segs.find((s) => s.claims.length)?.text).toBe("hi");
  });

  it("clamps spans outside the text", () => {
    const segs = segments(Array.from("abc"), [{ id: "x", span: { start: 1, end: 99 } }]);
    expect(segs.map((s) => s.text)).toEqual(["a", "bc"]);
  });
});

describe("selection offsets", () => {
  it("maps a DOM position inside a segment to a code-point offset", () => {
    document.body.innerHTML = `<div><span data-start="0">😀 a</span><mark data-start="3">bc😀d</mark></div>`;
    const mark = document.querySelector("mark")!;
    const text = mark.firstChild!;
    // UTF-16 offset 4 is after "bc😀" (the emoji is two units) → 3 code points in.
    expect(offsetOf(text, 4)).toBe(6);
    expect(toSpan(offsetOf(text, 4), 1)).toEqual({ start: 1, end: 6 });
    expect(toSpan(2, 2)).toBeNull();
    expect(codepointLength("😀x")).toBe(2);
  });
});

describe("links and text", () => {
  it("opens only http and https", () => {
    expect(isWebLink("https://example.org/a")).toBe(true);
    expect(isWebLink("http://example.org")).toBe(true);
    expect(isWebLink("javascript:alert(1)")).toBe(false);
    expect(isWebLink("file:///etc/passwd")).toBe(false);
    expect(isWebLink("data:text/html,x")).toBe(false);
  });

  it("shortens by code points", () => {
    expect(shorten("abcdef", 4)).toBe("abc…");
    expect(shorten("abc", 4)).toBe("abc");
  });
});

describe("merge summaries and conflict tones", () => {
  const zero = { articles: 0, entities: 0, claims: 0, verdicts: 0, evidence: 0, relations: 0, conflicts: 0, changes: 0, matches: 0, withdrawals: 0, captures: 0, link_checks: 0, archives: 0, assignments: 0, reviews: 0 };
  it("says when a merge changed nothing", () => {
    const r = { file: "b.json", outcome: { added: zero, updated_claims: 0, updated_evidence: 0, kept_deleted: 0, conflicts: [], settled: 0 } };
    expect(mergeSummary(r)).toBe("b.json: nothing new; your database is unchanged.");
  });
  it("marks a claim in dispute apart from its verdict", () => {
    const v = { id: "v", claim_id: "c", scale: "default", rating: "True", value: 5, note: null, checker: "A", at: "" };
    const claim = { verdict: v, conflict: [v, { ...v, id: "w", rating: "False", value: 1 }], status: "new" } as never;
    const scales = [
      { id: "default", name: "Five-point", ratings: [1, 2, 3, 4, 5].map((value) => ({ label: `r${value}`, value, undetermined: false })) },
      { id: "politifact", name: "Truth-O-Meter", ratings: [1, 2, 3, 4, 5, 6].map((value) => ({ label: `p${value}`, value, undetermined: false })) },
    ];
    expect(tone(claim, scales)).toBe("tone-conflict");
    expect(tone({ verdict: v, conflict: [], status: "new" } as never, scales)).toBe("tone-true");
    // A 5 is the top of the five-point scale, not of the six-point one.
    expect(tone({ verdict: { ...v, scale: "politifact" }, conflict: [], status: "new" } as never, scales)).toBe("tone-true");
    expect(tone({ verdict: { ...v, scale: "politifact", value: 3 }, conflict: [], status: "new" } as never, scales)).toBe("tone-mixed");
    // A scale the app does not know: the rating is shown apart, not guessed at.
    expect(tone({ verdict: { ...v, scale: "other" }, conflict: [], status: "new" } as never, scales)).toBe("tone-other");
  });
});

describe("precedents", () => {
  const v = { id: "v", claim_id: "c", scale: "default", rating: "False", value: 1, note: null, checker: "A. Checker", at: "2026-03-02T10:00:00.000Z" };
  const ev = { id: "e", claim_id: "c", url: "https://x.example", title: null, stance: "refutes", note: null, added_by: "A", added_at: "" };
  it("says who rated a matching claim, when, and with how much evidence", () => {
    const line = precedent({ verdict: v, evidence: [ev, ev, ev] } as never);
    expect(line).toMatch(/^Rated False on .*2026 by A\. Checker · 3 evidence links$/);
    expect(precedent({ verdict: null, evidence: [ev] } as never)).toBe("Not rated yet · 1 evidence link");
  });
  it("counts in words", () => {
    expect(count(1, "claim", "claims")).toBe("1 claim");
    expect(count(2, "claim", "claims")).toBe("2 claims");
  });
});

describe("history", () => {
  it("reads every action in words, and an unknown one by its name", () => {
    expect(describeChange("evidence.edited", { url: "https://example.org/a" })).toBe("Edited evidence https://example.org/a");
    expect(describeChange("claim.review_url", { url: null })).toBe("Published check cleared");
    expect(describeChange("verdict.given", { rating: "False", previous: "True" })).toBe("Rated False (was True)");
    expect(describeChange("claim.teleported", {})).toBe("claim.teleported");
  });
});

describe("shorten and trimSelection", () => {
  it("cuts at a word's end, not inside a word", () => {
    const s = "Russia would not accept the invitation to a second summit in Washington this autumn";
    const out = shorten(s, 40);
    expect(out.endsWith("…")).toBe(true);
    expect(Array.from(out).length).toBeLessThanOrEqual(40);
    const kept = out.slice(0, -1);
    expect(s.startsWith(kept)).toBe(true);
    expect(s[kept.length]).toBe(" ");
    expect(shorten("short", 40)).toBe("short");
  });
  it("cuts a single long word where it must", () => {
    expect(Array.from(shorten("x".repeat(100), 10)).length).toBe(10);
  });
  it("drops white space and trailing commas and colons from a selection", () => {
    const cps = Array.from("  in Tennessee, ");
    const { start, end } = trimSelection(cps, 0, cps.length);
    expect(cps.slice(start, end).join("")).toBe("in Tennessee");
    const q = Array.from("He said: “wouldn’t.”");
    const t = trimSelection(q, 0, q.length);
    expect(q.slice(t.start, t.end).join("")).toBe("He said: “wouldn’t.”");
  });
});

describe("worthWhy", () => {
  it("names the words that raise the score most and the one that lowers it most", () => {
    const r = [
      { word: "unemployment", weight: 1.2 },
      { word: "4.5", weight: 0.9 },
      { word: "%", weight: 0.4 },
      { word: "rose", weight: 0.3 },
      { word: "in", weight: 0.01 },
      { word: "maybe", weight: -0.2 },
      { word: "think", weight: -0.7 },
    ];
    expect(worthWhy(r)).toBe("Raised by “unemployment”, “4.5”, “%”; lowered by “think”");
  });
  it("leaves out words whose share is too small, and says nothing when none counts", () => {
    expect(worthWhy([{ word: "the", weight: 0.05 }, { word: "think", weight: -0.3 }])).toBe("Lowered by “think”");
    expect(worthWhy([{ word: "the", weight: 0.02 }])).toBe("");
    expect(worthWhy([])).toBe("");
  });
});

describe("speakerLine", () => {
  const claim = (over: Partial<Claim>) => ({ kind: "quote", speaker: null, speakers: [], ...over }) as Claim;
  it("names speakers with their roles", () => {
    const c = claim({ speaker: "Ana Ruiz and Ben Ode", speakers: [{ name: "Ana Ruiz", role: "mayor" }, { name: "Ben Ode", role: null }] });
    expect(speakerLine(c)).toBe("Ana Ruiz (mayor) and Ben Ode");
  });
  it("shows a speaker the article only describes as described", () => {
    expect(speakerLine(claim({ speaker: "a senior official" }))).toBe("a senior official (not named)");
  });
  it("says when there is no speaker", () => {
    expect(speakerLine(claim({}))).toBe("Speaker unknown");
    expect(speakerLine(claim({ kind: "statement" }))).toBe("Article's own voice");
  });
});

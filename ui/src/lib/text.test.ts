import { describe, expect, it } from "vitest";
import { codepointLength, isWebLink, offsetOf, segments, shorten, toSpan } from "./text";

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

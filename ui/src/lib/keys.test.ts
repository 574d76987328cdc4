import { describe, expect, it } from "vitest";
import { commandFor, isControl, isTyping, SHORTCUTS } from "./keys";

describe("keyboard map", () => {
  it("maps keys to commands", () => {
    expect(commandFor("j", null)).toEqual({ type: "next" });
    expect(commandFor("k", null)).toEqual({ type: "prev" });
    expect(commandFor("3", null)).toEqual({ type: "rating", index: 2 });
    expect(commandFor("d", null)).toEqual({ type: "status", status: "done" });
    expect(commandFor("n", null)).toEqual({ type: "status", status: "new" });
    expect(commandFor("u", null)).toEqual({ type: "undo" });
    expect(commandFor("]", null)).toEqual({ type: "across", delta: 1 });
    expect(commandFor("[", null)).toEqual({ type: "across", delta: -1 });
    expect(commandFor("J", null)).toEqual({ type: "across", delta: 1 });
    expect(commandFor("x", null)).toBeNull();
  });

  it("understands two-key chords", () => {
    expect(commandFor("g", null)).toBe("chord");
    expect(commandFor("q", "g")).toEqual({ type: "view", view: "queue" });
    expect(commandFor("a", "g")).toEqual({ type: "view", view: "article" });
  });

  it("leaves typing alone", () => {
    const input = document.createElement("input");
    expect(isTyping(input)).toBe(true);
    expect(isTyping(document.createElement("div"))).toBe(false);
  });

  it("documents every command it maps", () => {
    const documented = SHORTCUTS.map((s) => s.keys).join(" ");
    for (const key of ["j", "k", "]", "[", "Enter", "1", "a", "n / i / r / d", "u", "/", "?", "Esc"]) expect(documented).toContain(key);
  });
});

describe("Enter", () => {
  it("presses a focused button rather than opening a claim", () => {
    const button = document.createElement("button");
    const row = document.createElement("div");
    row.setAttribute("role", "row");
    expect(isControl(button)).toBe(true);
    expect(isControl(row)).toBe(false);
    expect(isControl(document.body)).toBe(false);
  });
});

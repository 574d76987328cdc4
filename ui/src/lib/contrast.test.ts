// Every text colour meets WCAG AA (4.5:1) against the backgrounds it is drawn
// on, in both themes, read from app.css itself.
import { describe, expect, it } from "vitest";
import css from "../app.css?raw";

function vars(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})/gi)) out[m[1]] = m[2];
  return out;
}

const light = vars(css.slice(css.indexOf(":root {"), css.indexOf("}", css.indexOf(":root {"))));
const darkStart = css.indexOf("@media (prefers-color-scheme: dark)");
const dark = { ...light, ...vars(css.slice(darkStart, css.indexOf("}", css.indexOf(":root {", darkStart)))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

// Text colours and the surfaces they are drawn on (app.css).
const PAIRS: [string, string][] = [
  ["ink", "bg"], ["ink", "panel"], ["muted", "bg"], ["muted", "panel"],
  ["accent", "bg"], ["accent", "panel"], ["danger", "bg"], ["danger", "panel"],
  ["accent-ink", "accent"],
];

describe("colour contrast", () => {
  it("reads both themes from app.css", () => {
    expect(Object.keys(light).length).toBeGreaterThan(10);
    expect(dark.bg).not.toBe(light.bg);
  });
  for (const [theme, v] of [["light", light], ["dark", dark]] as const) {
    for (const [fg, bg] of PAIRS) {
      it(`--${fg} on --${bg} meets AA in the ${theme} theme`, () => {
        expect(contrast(v[fg], v[bg])).toBeGreaterThanOrEqual(4.5);
      });
    }
  }
});

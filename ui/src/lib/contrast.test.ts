// Every text colour meets WCAG AA (4.5:1) against the backgrounds it is drawn
// on, in both themes, read from app.css itself.
import { describe, expect, it } from "vitest";
import css from "../app.css?raw";

function vars(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6}|[0-9.]+);/gi)) out[m[1]] = m[2];
  return out;
}

/** A colour laid over a background at this opacity, as a highlight is drawn. */
function over(hex: string, bg: string, alpha: number): string {
  const ch = (h: string, i: number) => parseInt(h.slice(i, i + 2), 16);
  return "#" + [1, 3, 5].map((i) => Math.round(alpha * ch(hex, i) + (1 - alpha) * ch(bg, i)).toString(16).padStart(2, "0")).join("");
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

// CIE L*a*b* (D65) of an sRGB colour, for ΔE (CIE76) between two colours.
function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const xyz = [
    (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
  ];
  const [fx, fy, fz] = xyz.map((t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116));
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

function deltaE(a: string, b: string): number {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

// The status and rating colours of highlights, dots and swatches.
const TONES = ["new", "progress", "review", "done", "true", "mixed", "false", "other"];

describe("status and rating colours", () => {
  for (const [theme, v] of [["light", light], ["dark", dark]] as const) {
    for (const t of TONES) {
      it(`--${t} stands out from the page and the panel (3:1) in the ${theme} theme`, () => {
        expect(v[t], `--${t} is defined`).toMatch(/^#/);
        expect(contrast(v[t], v.bg)).toBeGreaterThanOrEqual(3);
        expect(contrast(v[t], v.panel)).toBeGreaterThanOrEqual(3);
      });
    }
    it(`every two are told apart (ΔE ≥ 10) in the ${theme} theme`, () => {
      for (const a of TONES) {
        for (const b of TONES) {
          if (a < b) expect(deltaE(v[a], v[b]), `--${a} and --${b}`).toBeGreaterThanOrEqual(10);
        }
      }
    });
  }
  for (const [theme, v] of [["light", light], ["dark", dark]] as const) {
    it(`every two highlights in the text are told apart (ΔE ≥ 10) in the ${theme} theme`, () => {
      const alpha = Number(v["mark-alpha"]);
      expect(alpha).toBeGreaterThan(0);
      for (const a of TONES) {
        for (const b of TONES) {
          if (a < b) expect(deltaE(over(v[a], v.bg, alpha), over(v[b], v.bg, alpha)), `--${a} and --${b} as highlights`).toBeGreaterThanOrEqual(10);
        }
      }
    });
  }
  it("tells apart the two colours that were alike (Mixed and New)", () => {
    expect(deltaE("#f1e6c3", "#f5ebc7")).toBeLessThan(10);
    expect(deltaE(light.mixed, light.new)).toBeGreaterThanOrEqual(10);
  });
});

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

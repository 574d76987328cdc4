// Pure helpers for the reading view: claim spans (in Unicode code points, as
// the core stores them) to highlighted segments, and a selection back to a span.

export interface SpanLike {
  id: string;
  span: { start: number; end: number };
}

export interface Segment {
  start: number;
  end: number;
  text: string;
  /** Claims covering this stretch, innermost (shortest) first. */
  claims: string[];
}

/** Splits the text at every claim boundary; each segment lists the claims that cover it. */
export function segments(codepoints: string[], claims: SpanLike[]): Segment[] {
  const n = codepoints.length;
  const cuts = new Set<number>([0, n]);
  for (const c of claims) {
    cuts.add(Math.max(0, Math.min(n, c.span.start)));
    cuts.add(Math.max(0, Math.min(n, c.span.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const byLength = [...claims].sort((a, b) => (a.span.end - a.span.start) - (b.span.end - b.span.start));
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    if (start === end) continue;
    const covering = byLength.filter((c) => c.span.start <= start && c.span.end >= end).map((c) => c.id);
    out.push({ start, end, text: codepoints.slice(start, end).join(""), claims: covering });
  }
  return out;
}

/** Code points in a UTF-16 string prefix: the offset the core understands. */
export function codepointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * The code-point offset of a DOM position inside the reader: the segment
 * element carries its start in `data-start`; the offset within its text node
 * is in UTF-16 units.
 */
export function offsetOf(node: Node, offset: number): number | null {
  const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest("[data-start]");
  if (!el) return null;
  const start = Number((el as HTMLElement).dataset.start);
  if (node.nodeType !== Node.TEXT_NODE) {
    return offset === 0 ? start : start + codepointLength(el.textContent ?? "");
  }
  return start + codepointLength((node.textContent ?? "").slice(0, offset));
}

/** Orders two offsets into a span, or null when empty. */
export function toSpan(a: number | null, b: number | null): { start: number; end: number } | null {
  if (a === null || b === null || a === b) return null;
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/** A short form of a long text, for lists: cut at a word's end where one
 * is near, never inside a word when it can be helped. */
export function shorten(s: string, n: number): string {
  const cps = Array.from(s);
  if (cps.length <= n) return s;
  const head = cps.slice(0, n - 1);
  // The last space in the second half of what fits.
  let cut = head.length;
  for (let i = head.length; i > (n * 2) / 3; i--) {
    if (/\s/.test(cps[i])) {
      cut = i;
      break;
    }
  }
  return head.slice(0, cut).join("").replace(/[\s,;:\-–—]+$/u, "") + "…";
}

/** A selection made a claim's span: without the white space, commas,
 * semicolons, colons and dashes at its edges ("Tennessee," is "Tennessee"). */
export function trimSelection(codepoints: string[], start: number, end: number): { start: number; end: number } {
  const edge = /[\s,;:\-–—]/u;
  while (start < end && /\s/u.test(codepoints[start])) start++;
  while (end > start && edge.test(codepoints[end - 1])) end--;
  return { start, end };
}

/** Only http and https links may be opened. */
export function isWebLink(url: string): boolean {
  try {
    const u = new URL(url.trim());
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
  } catch {
    return false;
  }
}

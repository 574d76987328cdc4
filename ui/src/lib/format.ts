// Display helpers shared by components.
import type { Claim } from "./api";

export const STATUS_LABEL: Record<string, string> = {
  new: "New",
  in_progress: "In progress",
  needs_review: "Needs review",
  done: "Done",
};

/** A CSS class for a claim's highlight: by verdict when it has one, else by status. */
export function tone(claim: Claim): string {
  const v = claim.verdict;
  if (v) {
    if (v.value !== null && v.value !== undefined) {
      const best = v.scale === "politifact" ? 6 : 5;
      const ratio = (Number(v.value) - 1) / (best - 1);
      if (ratio >= 0.75) return "tone-true";
      if (ratio >= 0.4) return "tone-mixed";
      return "tone-false";
    }
    return "tone-other";
  }
  return `tone-${claim.status}`;
}

export function when(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function speakerLine(claim: Claim): string {
  if (claim.speakers.length === 0) return claim.kind === "statement" ? "Article's own voice" : "Speaker unknown";
  return claim.speakers.map((s) => (s.role ? `${s.name} (${s.role})` : s.name)).join(" and ");
}

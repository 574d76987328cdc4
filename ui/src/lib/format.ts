// Display helpers shared by components.
import type { Action, Claim, MergeResult, ScaleDto, WorthReason } from "./api";

export const STATUS_LABEL: Record<string, string> = {
  new: "New",
  in_progress: "In progress",
  needs_review: "Needs review",
  done: "Done",
};

/** What was found about a matching claim: "Rated False on 2 Mar 2026 by Ana · 3 evidence links". */
export function precedent(claim: Claim): string {
  const links = claim.evidence.length;
  const ev = links === 0 ? "" : ` · ${links} evidence ${links === 1 ? "link" : "links"}`;
  const v = claim.verdict;
  if (!v) return `Not rated yet${ev}`;
  const day = new Date(v.at);
  const on = Number.isNaN(day.getTime()) ? v.at.slice(0, 10) : day.toLocaleDateString(undefined, { dateStyle: "medium" });
  return `Rated ${v.rating} on ${on} by ${v.checker}${ev}`;
}

/** "1 claim", "3 claims". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One line on what merging a bundle did. */
export function mergeSummary(r: MergeResult): string {
  const o = r.outcome;
  const a = o.added;
  const changed =
    a.articles + a.entities + a.claims + a.verdicts + a.evidence + a.relations + a.conflicts + a.changes + a.matches + a.withdrawals + a.captures + a.link_checks + o.updated_claims + o.updated_evidence + o.settled > 0;
  if (!changed) return `${r.file}: nothing new; your database is unchanged.`;
  const parts = [
    [a.articles, "article", "articles"],
    [a.claims, "claim", "claims"],
    [a.verdicts, "verdict", "verdicts"],
    [a.evidence, "evidence link", "evidence links"],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  let text = `${r.file}: added ${parts.length > 0 ? parts.join(", ") : "history only"}`;
  if (a.captures > 0) text += `; ${count(a.captures, "capture", "captures")} of evidence links`;
  if (a.withdrawals > 0) text += `; ${count(a.withdrawals, "verdict was", "verdicts were")} taken back`;
  if (o.updated_claims > 0) text += `; ${count(o.updated_claims, "claim", "claims")} took a later edit`;
  if (o.updated_evidence > 0) text += `; ${count(o.updated_evidence, "evidence link", "evidence links")} took a later edit`;
  if (o.conflicts.length > 0) text += `; ${o.conflicts.length} ${o.conflicts.length === 1 ? "claim needs" : "claims need"} reconciliation`;
  return text + ".";
}

/** A CSS class for a claim's highlight: by verdict when it has one, else by
 * status. A rating's place on its scale comes from the scales the backend
 * lists (`scales`): the top value is the scale's truest rating. */
export function tone(claim: Claim, scales: readonly ScaleDto[]): string {
  if (claim.conflict.length > 0) return "tone-conflict";
  const v = claim.verdict;
  if (v) {
    const values = (scales.find((s) => s.id === v.scale)?.ratings ?? []).flatMap((r) => (r.value === null ? [] : [r.value]));
    if (v.value !== null && v.value !== undefined && values.length > 1) {
      const [worst, best] = [Math.min(...values), Math.max(...values)];
      const ratio = (Number(v.value) - worst) / (best - worst);
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
  if (claim.speakers.length === 0) {
    // A speaker the article describes but does not name ("a senior official").
    if (claim.speaker) return `${claim.speaker} (not named)`;
    return claim.kind === "statement" ? "Article's own voice" : "Speaker unknown";
  }
  return claim.speakers.map((s) => (s.role ? `${s.name} (${s.role})` : s.name)).join(" and ");
}

/** Why a claim ranks where it does, from the words its score reads: the three
 * that raise it most and the one that lowers it most, leaving out words whose
 * share is too small to matter. "" when no word counts. */
export function worthWhy(reasons: WorthReason[]): string {
  const MATTERS = 0.1;
  const q = (r: WorthReason) => `“${r.word}”`;
  const up = reasons.filter((r) => r.weight >= MATTERS).slice(0, 3);
  const down = reasons.filter((r) => r.weight <= -MATTERS).slice(-1);
  const parts = [];
  if (up.length) parts.push(`raised by ${up.map(q).join(", ")}`);
  if (down.length) parts.push(`lowered by ${down.map(q).join(", ")}`);
  const s = parts.join("; ");
  return s ? s[0].toUpperCase() + s.slice(1) : "";
}

type Detail = Record<string, unknown>;

/** How the history reads each action the core records: one entry per
 * `Action`, so a new action in Rust is a compile error here until it reads. */
const ACTIONS: { [A in Action]: (x: Detail) => string } = {
  "article.imported": () => "Imported with the article",
  "article.edited": () => "Edited the article's details",
  "claim.added": () => "Added by hand",
  "claim.confirmed": () => "Confirmed as extracted",
  "claim.deleted": () => "Deleted",
  "claim.edited": (x) => `Edited ${Object.keys(x).join(", ")}`,
  "claim.merged": (x) => (x.absorbed ? "Merged with another claim" : "Merged into another claim"),
  "claim.review_url": (x) => (x.url ? `Published check recorded: ${x.url}` : "Published check cleared"),
  "claim.status": (x) => `Status ${STATUS_LABEL[String(x.from)] ?? x.from} → ${STATUS_LABEL[String(x.to)] ?? x.to}`,
  "evidence.added": (x) => `Added evidence ${x.url} (${x.stance})`,
  "evidence.edited": (x) => `Edited evidence ${x.url ?? ""}`.trim(),
  "evidence.removed": (x) => `Removed evidence ${x.url}`,
  "match.confirmed": (x) => (x.kind === "contradicts" ? "Confirmed a contradicting claim" : "Confirmed as the same claim as another"),
  "match.rejected": () => "Rejected a suggested match",
  "verdict.given": (x) => `Rated ${x.rating}${x.note ? `: ${x.note}` : ""}${x.previous ? ` (was ${x.previous})` : ""}`,
  "evidence.captured": (x) => (x.status === "archived" ? `Archived ${x.evidence ? "an evidence link" : "a link"} (sha256 ${String(x.wacz_sha256 ?? "").slice(0, 12)}…)` : `Could not archive a link: ${x.reason ?? "no reason"}`),
  "verdict.withdrawn": (x) => `Took back the verdict ${x.rating}${x.current ? `; ${x.current} counts again` : ""}`,
  "claim.assigned": (x) => (x.to ? `Assigned to ${x.to}` : `Took the assignment back${x.from ? ` from ${x.from}` : ""}`),
  "verdict.reviewed": (x) =>
    x.state === "submitted" ? "Submitted the verdict for sign-off" : x.state === "approved" ? "Approved the verdict" : `Returned the verdict${x.note ? `: “${x.note}”` : ""}`,
};

/** A history entry in words; an action this version does not know (merged
 * from a newer desk) shows by its name. */
export function describeChange(action: string, detail: unknown): string {
  const read = (ACTIONS as Record<string, ((x: Detail) => string) | undefined>)[action];
  return read ? read((detail ?? {}) as Detail) : action;
}

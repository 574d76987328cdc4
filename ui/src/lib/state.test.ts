import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { app, encodeLine, syncLine } from "./state.svelte";

afterEach(() => clearMocks());

describe("app state", () => {
  it("asks for the checker's name when an action needs it", async () => {
    mockIPC(() => {
      throw { kind: "noChecker", message: "tell factdesk who you are first" };
    });
    app.askName = false;
    await app.guard(() => Promise.reject({ kind: "noChecker", message: "x" }));
    // A raw rejection that is not an ApiError still shows as a message.
    expect(app.toasts.length).toBeGreaterThan(0);
    await app.setStatus(["c1"], "done");
    expect(app.askName).toBe(true);
    expect(app.toasts.some((t) => t.kind === "error" && t.text.includes("who you are"))).toBe(true);
  });

  it("hands a rating picked from the keyboard to the panel only when a claim is selected", () => {
    app.pickedRating = null;
    app.selectedClaim = null;
    app.pickRating("False");
    expect(app.pickedRating).toBe(null);
    app.selectedClaim = "c1";
    app.pickRating("False");
    expect(app.pickedRating).toBe("False");
    app.pickedRating = null;
  });

  it("moves through the article's claims with step()", async () => {
    mockIPC((cmd, args) => (cmd === "claim_get" ? { claim: { id: (args as { id: string }).id } } : null));
    app.article = { article: { id: "a" }, claims: [{ id: "c1" }, { id: "c2" }], relations: [] } as never;
    app.selectedClaim = "c1";
    await app.step(1);
    expect(app.selectedClaim).toBe("c2");
    await app.step(1);
    expect(app.selectedClaim).toBe("c2");
    await app.step(-1);
    expect(app.selectedClaim).toBe("c1");
  });

  it("merges dropped bundles, imports dropped articles, and opens the queue on disagreements", async () => {
    const calls: string[] = [];
    const outcome = (conflicts: string[]) => ({
      added: { articles: 0, entities: 0, claims: 2, verdicts: 3, evidence: 1, relations: 0, conflicts: conflicts.length, changes: 4, matches: 0, withdrawals: 0, captures: 0, link_checks: 0, archives: 0, assignments: 0, reviews: 0 },
      updated_claims: 0,
      updated_evidence: 0,
      kept_deleted: 0,
      conflicts,
      settled: 0,
    });
    mockIPC((cmd, args) => {
      calls.push(cmd);
      if (cmd === "bundles_merge_paths") {
        expect((args as { paths: string[] }).paths).toEqual(["/tmp/ben.JSON"]);
        return [{ file: "ben.JSON", outcome: outcome(["c9"]) }];
      }
      if (cmd === "articles_import_paths") {
        expect((args as { paths: string[] }).paths).toEqual(["/tmp/story.html"]);
        return [];
      }
      if (cmd === "articles_list") return [];
      return null;
    });
    app.article = null;
    app.view = "article";
    app.toasts = [];
    await app.dropped(["/tmp/ben.JSON", "/tmp/story.html"]);
    expect(calls).toContain("bundles_merge_paths");
    expect(calls).toContain("articles_import_paths");
    expect(app.view).toBe("queue");
    expect(app.reconcile).toBe(true);
    expect(app.toasts.map((t) => t.text)).toContain("ben.JSON: added 2 claims, 3 verdicts, 1 evidence link; 1 claim needs reconciliation.");
  });
});

describe("the team sync's status line", () => {
  const base = { server: "https://team.example", has_token: true, user: "Ana", role: "checker", last_synced_at: "2026-12-01T10:00:00.000Z", last_error: null, waiting: 0, cursor: 4 };
  const at = Date.parse("2026-12-01T10:00:12.000Z");
  it("says how long ago the desk synced and what waits", () => {
    expect(syncLine(base, false, at)).toBe("Synced 12 s ago");
    expect(syncLine({ ...base, waiting: 3 }, false, at)).toBe("Synced 12 s ago · 3 changes waiting");
    expect(syncLine({ ...base, waiting: 1 }, false, at + 600_000)).toBe("Synced 10 min ago · 1 change waiting");
  });
  it("says offline, failed, no token, or nothing on a desk of its own", () => {
    expect(syncLine({ ...base, waiting: 2 }, true, at)).toBe("Offline · 2 changes waiting");
    expect(syncLine({ ...base, last_error: "revoked" }, false, at)).toBe("Sync failed");
    expect(syncLine({ ...base, has_token: false }, false, at)).toBe("Team server: no token yet");
    expect(syncLine({ ...base, last_synced_at: null }, false, at)).toBe("Not synced yet");
    expect(syncLine({ ...base, server: null }, false, at)).toBeNull();
  });
});

describe("the encoder's background pass", () => {
  it("says how many claims wait, and nothing when none do or the encoder is missing", () => {
    expect(encodeLine({ encoded: 200, pending: 10375, unavailable: null })).toBe("Reading 10,375 claims for matching…");
    expect(encodeLine({ encoded: 1, pending: 1, unavailable: null })).toBe("Reading 1 claim for matching…");
    expect(encodeLine({ encoded: 0, pending: 0, unavailable: null })).toBeNull();
    expect(encodeLine({ encoded: 0, pending: 40, unavailable: "the re-ranking model is missing" })).toBeNull();
    expect(encodeLine(null)).toBeNull();
  });

  it("runs chunk after chunk while claims wait, and stops when told", async () => {
    let pending = 450;
    let version = 1;
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "encode_pending") {
        const encoded = Math.min(200, pending);
        pending -= encoded;
        version += 1;
        return { encoded, pending, unavailable: null };
      }
      if (cmd === "data_version") return version;
      return null;
    });
    const stop = app.encodeEvery();
    await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(calls.filter((c) => c === "encode_pending").length).toBeGreaterThanOrEqual(3);
    expect(app.encoding?.pending).toBe(0);
  });
});

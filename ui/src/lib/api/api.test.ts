import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, ApiError } from "./index";

afterEach(() => clearMocks());

describe("api", () => {
  it("passes arguments by name to the command", async () => {
    let seen: unknown = null;
    mockIPC((cmd, args) => {
      seen = { cmd, args };
      return null;
    });
    await api.giveVerdict(["c1", "c2"], "False", "He said would.");
    expect(seen).toEqual({ cmd: "verdicts_give", args: { ids: ["c1", "c2"], rating: "False", note: "He said would." } });
  });

  it("turns a backend error into an ApiError with its kind", async () => {
    mockIPC(() => {
      throw { kind: "invalid", message: "evidence links must be http or https; javascript: links are refused" };
    });
    const err = await api.addEvidence({ claim_id: "c", url: "javascript:alert(1)", stance: "refutes" }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.kind).toBe("invalid");
    expect(err.message).toContain("http or https");
  });

  it("returns typed results", async () => {
    mockIPC((cmd) => (cmd === "articles_list" ? [{ id: "a1", title: "T", outlet: null, url: null, author: null, published: null, imported_at: "2026-01-01T00:00:00Z", claims: 3 }] : null));
    const list = await api.articles();
    expect(list[0].claims).toBe(3);
  });
});

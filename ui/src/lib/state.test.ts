import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { app } from "./state.svelte";

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
});

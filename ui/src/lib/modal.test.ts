import { describe, expect, it } from "vitest";
import { modal } from "./modal";

describe("modal dialogs", () => {
  it("take the focus, keep Tab inside and give the focus back", () => {
    document.body.innerHTML = `<button id="outside">Paste…</button><form id="d"><input id="a" /><button id="b">Import</button></form>`;
    const outside = document.getElementById("outside")!;
    outside.focus();
    const dialog = document.getElementById("d")!;
    const m = modal(dialog);
    expect(dialog.getAttribute("role")).toBe("dialog");
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(document.activeElement?.id).toBe("a");
    document.getElementById("b")!.focus();
    const tab = new KeyboardEvent("keydown", { key: "Tab", bubbles: true, cancelable: true });
    dialog.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe("a");
    const back = new KeyboardEvent("keydown", { key: "Tab", shiftKey: true, bubbles: true, cancelable: true });
    dialog.dispatchEvent(back);
    expect(document.activeElement?.id).toBe("b");
    m.destroy();
    expect(document.activeElement?.id).toBe("outside");
  });
});

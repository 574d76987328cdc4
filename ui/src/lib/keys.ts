// The keyboard map: one place that says which key does what, shown by `?`.

export interface Shortcut {
  keys: string;
  action: string;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: "j / k", action: "Next / previous claim in the article (or the queue)" },
  { keys: "] / [", action: "Next / previous claim in queue order, across articles" },
  { keys: "Enter", action: "Open the selected claim (queue); on a button, press it" },
  { keys: "Ctrl+Enter", action: "Give the verdict (in the rationale)" },
  { keys: "1 – 9", action: "Choose the rating with that number" },
  { keys: "a", action: "Add a claim from the selected text" },
  { keys: "n / i / r / d", action: "Status: new / in progress / needs review / done" },
  { keys: "u", action: "Undo the verdict just given (for 10 seconds)" },
  { keys: "/", action: "Search claims" },
  { keys: "s", action: "Find similar claims: have we checked this before?" },
  { keys: "g a / g q", action: "Go to the article view / the queue" },
  { keys: "?", action: "Show this list" },
  { keys: "Esc", action: "Close a dialog or clear the selection" },
];

export type Command =
  | { type: "next" } | { type: "prev" } | { type: "across"; delta: 1 | -1 } | { type: "open" } | { type: "rating"; index: number }
  | { type: "add" } | { type: "status"; status: "new" | "in_progress" | "needs_review" | "done" }
  | { type: "search" } | { type: "similar" } | { type: "undo" } | { type: "help" } | { type: "escape" } | { type: "view"; view: "article" | "queue" };

/** Maps a key press to a command; `pending` holds a first key of a two-key chord. */
export function commandFor(key: string, pending: string | null): Command | "chord" | null {
  if (pending === "g") {
    if (key === "a") return { type: "view", view: "article" };
    if (key === "q") return { type: "view", view: "queue" };
    return null;
  }
  switch (key) {
    case "j": return { type: "next" };
    case "k": return { type: "prev" };
    case "]": case "J": return { type: "across", delta: 1 };
    case "[": case "K": return { type: "across", delta: -1 };
    case "Enter": return { type: "open" };
    case "a": return { type: "add" };
    case "n": return { type: "status", status: "new" };
    case "u": return { type: "undo" };
    case "i": return { type: "status", status: "in_progress" };
    case "r": return { type: "status", status: "needs_review" };
    case "d": return { type: "status", status: "done" };
    case "/": return { type: "search" };
    case "s": return { type: "similar" };
    case "?": return { type: "help" };
    case "Escape": return { type: "escape" };
    case "g": return "chord";
  }
  if (/^[1-9]$/.test(key)) return { type: "rating", index: Number(key) - 1 };
  return null;
}

/** Key presses in text fields are typing, not commands (except Escape). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

/** A control that Enter activates itself (a button, a link): Enter there
 * presses it rather than opening a claim. */
export function isControl(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return ["BUTTON", "A", "SUMMARY"].includes(el.tagName) || el.getAttribute("role") === "button";
}

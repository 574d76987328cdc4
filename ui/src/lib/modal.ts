// Makes an element a modal dialog: it is announced as one, takes the focus
// (its autofocus field, else its first control), keeps Tab and Shift+Tab
// inside it, and gives the focus back to where it was when it closes.
// Escape is the app's to handle (App.svelte closes the open dialog).

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export function modal(node: HTMLElement) {
  const before = document.activeElement as HTMLElement | null;
  node.setAttribute("role", "dialog");
  node.setAttribute("aria-modal", "true");
  const controls = () => Array.from(node.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = node.querySelector<HTMLElement>("[autofocus]") ?? controls()[0];
  if (!node.contains(document.activeElement)) (first ?? node).focus();

  function onKeydown(e: KeyboardEvent) {
    if (e.key !== "Tab") return;
    const list = controls();
    if (list.length === 0) {
      e.preventDefault();
      return;
    }
    const [head, tail] = [list[0], list[list.length - 1]];
    const active = document.activeElement;
    if (e.shiftKey && (active === head || !node.contains(active))) {
      e.preventDefault();
      tail.focus();
    } else if (!e.shiftKey && (active === tail || !node.contains(active))) {
      e.preventDefault();
      head.focus();
    }
  }
  node.addEventListener("keydown", onKeydown);
  return {
    destroy() {
      node.removeEventListener("keydown", onKeydown);
      if (before && document.contains(before)) before.focus();
    },
  };
}

// Reading progress from outside the browser's storage: a downloaded progress file, an export
// link's #import=, a case file's backup (#12). The checklist loads it only when a reader brings one.
import { VERSION, normalise } from "./checklist-state.js";

// The reverse of encode; null when the text is not an export at all.
export function decode(text, known) {
  try {
    if (typeof text !== "string" || text.length > 20000 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return readExport(new TextDecoder("utf-8", { fatal: true }).decode(bytes), known);
  } catch (error) {
    return null;
  }
}

// A downloaded progress file, the JSON inside a link, or the case file's backup (#12), whose
// checklist part it takes; null unless it looks like one of ours.
export function readExport(text, known) {
  try {
    let raw = JSON.parse(text);
    if (raw?.app === "refund-guide-case") raw = raw.checklist;
    if (!raw || typeof raw !== "object" || raw.v !== VERSION) return null;
    return normalise(raw, known);
  } catch (error) {
    return null;
  }
}

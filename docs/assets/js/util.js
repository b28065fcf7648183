// Small helpers shared by the checklist and letters scripts.

// localStorage that never throws (blocked site data, private modes, a full quota).
// read() gives undefined when storage cannot be reached, null when the key is not set.
const attempt = (action, fallback) => {
  try {
    return action();
  } catch (error) {
    return fallback;
  }
};

export const storage = {
  read: (key) => attempt(() => localStorage.getItem(key), undefined),
  write: (key, value) => attempt(() => localStorage.setItem(key, value) ?? true, false),
  remove: (key) => attempt(() => localStorage.removeItem(key) ?? true, false),
};

// "{done} of {total}" + { done: 2, total: 5 } -> "2 of 5". Unknown names stay as they are.
export const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));

// Offer a file for download without any server.
export function offerFile(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

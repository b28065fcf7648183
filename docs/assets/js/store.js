// All the reader saves, in one versioned key: { v: 2, checklist, details, deadlines, report }. Never
// throws; read() gives undefined when storage is blocked. v1 keys move in, then go.
const KEY = "refund-guide:v2";
const OLD = { checklist: "refund-guide:v1:checklist", details: "refund-guide:v1:details" };

const attempt = (action, fallback) => {
  try {
    return action();
  } catch (error) {
    return fallback;
  }
};
const object = (value) => (value && typeof value === "object" && !Array.isArray(value) ? value : null);
const parse = (text) => object(attempt(() => JSON.parse(text), null));
const get = (key) => attempt(() => localStorage.getItem(key), undefined);
const save = (data) => attempt(() => localStorage.setItem(KEY, JSON.stringify(data)) ?? true, false);

// Read afresh each time, so two open pages keep each other's parts.
function load() {
  const text = get(KEY);
  if (text === undefined) return;
  if (text !== null) return { ...parse(text), v: 2 };
  const data = { v: 2 };
  for (const part in OLD) if (parse(get(OLD[part]))) data[part] = parse(get(OLD[part]));
  if (Object.keys(data).length > 1 && save(data)) for (const part in OLD) attempt(() => localStorage.removeItem(OLD[part]));
  return data;
}

export function read(part) {
  const data = load();
  return data && object(data[part]);
}

// A part of names to typed text (letter details, deadline dates): text values only, undefined
// when storage is blocked.
export function readTexts(part) {
  const data = read(part);
  return data === undefined ? data : Object.fromEntries(Object.entries(data || {}).filter(([, v]) => typeof v === "string"));
}

// null deletes the part; false when it could not be saved.
export function write(part, value) {
  const data = load();
  if (value === null) delete data?.[part];
  else if (data) data[part] = value;
  return Boolean(data) && save(data);
}

// "Forget my details": letter details and deadline dates.
export const forgetDetails = () => write("details", null) & write("deadlines", null);

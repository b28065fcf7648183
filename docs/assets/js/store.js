// All the reader saves, in one versioned key: { v: 2, checklist, details, deadlines, report, case }.
// Never throws; read() gives undefined when storage is blocked. v1 keys move in, then go.
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
  if (text !== null) return share({ ...parse(text), v: 2 });
  const data = { v: 2 };
  for (const part in OLD) if (parse(get(OLD[part]))) data[part] = parse(get(OLD[part]));
  if (Object.keys(data).length > 1 && save(data)) for (const part in OLD) attempt(() => localStorage.removeItem(OLD[part]));
  return share(data);
}

// The case file (#12): a date the calculator and the letters both ask for is kept once, in
// `details` under the letters' field id; `deadlines` reads and writes it there. A date saved in
// `deadlines` before moves over (a value already in `details` wins).
const SHARED = { paid: "transaction-date", arrived: "delivery-date", statement: "statement-date" };

function share(data, written) {
  const dates = object(data?.deadlines);
  let moved = false;
  for (const name in SHARED) {
    if (!dates || !(name in dates)) continue;
    data.details = object(data.details) || {};
    if (typeof dates[name] === "string" && (written || !data.details[SHARED[name]])) data.details[SHARED[name]] = dates[name];
    moved = delete dates[name];
  }
  if (moved && !written) save(data);
  return data;
}

export function read(part) {
  const data = load();
  const value = data && object(data[part]);
  if (part !== "deadlines" || !data) return value;
  const dates = { ...value };
  for (const name in SHARED) if (typeof data.details?.[SHARED[name]] === "string") dates[name] = data.details[SHARED[name]];
  return value || Object.keys(dates).length ? dates : null;
}

// Whether a part holds anything (false when storage is blocked).
export const holds = (part) => Object.keys(read(part) || {}).length > 0;

// Change one part in place: `change` gets the part ({} when there is none).
export const edit = (part, change) => {
  const value = read(part) || {};
  change(value);
  return write(part, value);
};

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
  else if (data) data[part] = part === "deadlines" && object(value) ? { ...value } : value;
  if (part === "deadlines" && data) share(data, true);
  return Boolean(data) && save(data);
}

// Several parts at once, in one write: all are saved or none (a restore over a full storage must not
// half-happen). `parts` maps a part to its value, null deleting it; false when it could not be saved.
export function writeParts(parts) {
  const data = load();
  if (!data) return false;
  for (const part in parts) {
    if (parts[part] === null) delete data[part];
    else data[part] = parts[part];
  }
  if ("deadlines" in parts) share(data, true);
  return save(data);
}

// "Forget my details" (letters, deadlines): letter details and deadline dates. The case part (diary,
// tick days) stays; the case page deletes it with them, after asking.
export const forgetDetails = () => writeParts({ details: null, deadlines: null });

// Pure checklist state (no DOM, no storage), so tests can call it directly.
// State: { v: 1, type: scam id or null, ticked: [item ids] }; `known`: { ids: Set, types: Set }.

export const VERSION = 1;
const MAX_ITEMS = 500;

export function emptyState() {
  return { v: VERSION, type: null, ticked: [] };
}

// Item ids from v1 `ticked`, the compact export's `k`, or an early draft's { id: true } map.
function tickedFrom(raw) {
  if (Array.isArray(raw.ticked)) return raw.ticked;
  if (Array.isArray(raw.k)) return raw.k;
  if (raw.checked && typeof raw.checked === "object") {
    return Object.keys(raw.checked).filter((id) => raw.checked[id] === true);
  }
  return [];
}

// Repair anything into a valid state: keep known ids and a known type, drop the rest.
export function normalise(raw, known) {
  const state = emptyState();
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return state;
  const type = raw.type ?? raw.t;
  if (typeof type === "string" && known.types.has(type)) state.type = type;
  const seen = new Set();
  for (const id of tickedFrom(raw).slice(0, MAX_ITEMS)) {
    if (typeof id === "string" && known.ids.has(id) && !seen.has(id)) {
      seen.add(id);
      state.ticked.push(id);
    }
  }
  return state;
}

export function serialise(state) {
  return JSON.stringify({ v: VERSION, type: state.type, ticked: state.ticked });
}

// For the #fragment of an export link: compact JSON in base64url (UTF-8 safe).
export function encode(state) {
  const json = JSON.stringify({ v: VERSION, t: state.type, k: state.ticked });
  return btoa(String.fromCharCode(...new TextEncoder().encode(json))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// The ids a problem type shows, in order: its steps only, minus skip-for, plus its only-for
// items, its `first` items at the top of their step. No type: items without only-for.
// `situation` (optional, the same rules as plan() in macros/situation.py): `stageType`, the type a
// stage describes, brings its own items and drops those it skips; an item with `methods` or
// `where` shows only for that way of paying or country (no method, "unknown" or no country: all).
export function visibleItems(items, type, typeInfo, situation = {}) {
  const { stageType, method, country, unknown, notListed } = situation;
  const fits = (item) =>
    (!item.methods?.length || !method || method === unknown || item.methods.includes(method)) &&
    (!item.where?.length || !country || (country !== notListed && item.where.includes(country)));
  const shown = items.filter((item) => {
    if (typeInfo && !typeInfo.steps.includes(item.step)) return false;
    if (stageType && item.skipFor.includes(stageType)) return false;
    const typed = typeInfo ? !item.skipFor.includes(type) && (!item.onlyFor.length || item.onlyFor.includes(type)) : !item.onlyFor.length;
    return (typed || (Boolean(stageType) && item.onlyFor.includes(stageType))) && fits(item);
  });
  const first = typeInfo ? typeInfo.first : [];
  const steps = [...new Set(shown.map((item) => item.step))];
  return steps.flatMap((step) => {
    const mine = shown.filter((item) => item.step === step).map((item) => item.id);
    const top = first.filter((id) => mine.includes(id));
    return [...top, ...mine.filter((id) => !top.includes(id))];
  });
}

// `first`: the problem's key tasks; the first unticked one is next, wherever its step is.
export function progress(visibleIds, ticked, first = []) {
  const done = visibleIds.filter((id) => ticked.includes(id));
  const open = (id) => visibleIds.includes(id) && !ticked.includes(id);
  return {
    done: done.length,
    total: visibleIds.length,
    next: first.find(open) || visibleIds.find(open) || null,
  };
}

// plan(type, stage, method, country) in the browser: the same query over the same data as
// macros/situation.py (the page's config carries that data). Pure: no page, no storage.
// tests/test_situation.py checks that both give the same routes, limits and rules.

// The country and every area it belongs to; nothing for a country that is not listed; null (no
// filter) when no country is chosen.
export function places(data, country) {
  if (!country) return null;
  if (country === data.not_listed) return [];
  return [country, ...Object.keys(data.areas).filter((area) => data.areas[area].includes(country))];
}

const fits = (data, rule, method, where) =>
  (!rule.methods.length || !method || method === data.unknown || rule.methods.includes(method)) &&
  (!rule.where.length || !where || rule.where.some((place) => where.includes(place)));

// Route, limit and rule ids for a situation. No type: every route but those that need one; no method:
// every way of paying; no country: every country's rules; no stage: not disputed yet.
export function plan(data, type, stage = "not-disputed", method, country) {
  const where = places(data, country);
  const every = data.routes.map((route) => route.id).filter((id) => !data.needs_type.includes(id));
  const wanted = type && data.types[type] ? data.types[type] : every;
  const routes = data.routes.filter(
    (route) =>
      (wanted.includes(route.id) || route.added_at.includes(stage)) &&
      (!route.stages.length || route.stages.includes(stage)) &&
      fits(data, route, method, where),
  );
  const ids = new Set(routes.flatMap((route) => route.deadlines));
  const limits = data.limits.filter((limit) => ids.has(limit.id) && fits(data, limit, method, where));
  const rules = routes.flatMap((route) => route.rules.filter((rule) => fits(data, rule, method, where)));
  return {
    routes: routes.map((route) => route.id),
    limits: limits.map((limit) => limit.id),
    rules: rules.map((rule) => rule.id),
  };
}

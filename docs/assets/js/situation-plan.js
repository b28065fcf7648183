// plan(type, stage, method, country) in the browser: the same query over the same data as
// macros/situation.py (the page's config carries that data). Pure: no page, no storage.
// tests/test_situation.py checks that both give the same routes and limits.

// The country and every area it belongs to; nothing for a country that is not listed.
export function places(data, country) {
  if (!country || country === data.not_listed) return [];
  return [country, ...Object.keys(data.areas).filter((area) => data.areas[area].includes(country))];
}

const fits = (data, rule, method, where) =>
  (!rule.methods.length || !method || method === data.unknown || rule.methods.includes(method)) &&
  (!rule.where.length || rule.where.some((place) => where.includes(place)));

// Route and limit ids for a situation. No type: every route; no method: every way of paying.
export function plan(data, type, stage, method, country) {
  const where = places(data, country);
  const wanted = type && data.types[type] ? data.types[type] : data.routes.map((route) => route.id);
  const routes = data.routes.filter(
    (route) =>
      (wanted.includes(route.id) || route.added_at.includes(stage)) &&
      (!route.stages.length || route.stages.includes(stage)) &&
      fits(data, route, method, where),
  );
  const ids = new Set(routes.flatMap((route) => route.deadlines));
  const limits = data.limits.filter((limit) => ids.has(limit.id) && fits(data, limit, method, where));
  return { routes: routes.map((route) => route.id), limits: limits.map((limit) => limit.id) };
}

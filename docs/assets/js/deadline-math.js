// The deadline arithmetic, with no page attached: shared by the calculator on /deadlines/ and the
// case file's "next deadlines" (#12). Dates are calendar dates ("2026-07-09"), counted as whole
// days with integer arithmetic: no clock, no time zone, no daylight saving.

// Day number (days since 1970-01-01) of a calendar date, and back: H. Hinnant's civil algorithms.
export function dayNumber(iso) {
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso || "");
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  return m < 1 || m > 12 || d < 1 || d > monthLength(y, m) ? null : civil(y, m, d);
}

function civil(y, m, d) {
  const year = y - (m <= 2);
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

export function isoDate(day) {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2), m, doy - Math.floor((153 * mp + 2) / 5) + 1].map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
}

function monthLength(y, m) {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : 30 + ((m + (m > 7)) % 2);
}

// Months keep the day number, clamped to the month's end: 31 January + 1 month = 28 or 29 February.
export function addMonths(iso, months) {
  const [y, m, d] = iso.split("-").map(Number);
  const index = y * 12 + m - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return isoDate(civil(year, month, Math.min(d, monthLength(year, month))));
}

// The reader's calendar date today, from the local clock.
export function today(now = new Date()) {
  return civil(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

// The last day of one limit from its start date (day numbers); null when the date it needs is missing.
function limitEnd(route, start) {
  if (start === null) return null;
  return route.months ? dayNumber(addMonths(isoDate(start), route.months)) : start + route.days;
}

// One route's last day and notes, from the reader's dates (day numbers or null).
export function lastDay(route, dates) {
  const { paid, due, arrived, confirmed } = dates;
  const capped = (end) => (route.cap && end !== null && paid !== null ? Math.min(end, paid + route.cap) : end);
  switch (route.rule) {
    case "aliexpress":
      return confirmed !== null ? { end: limitEnd(route, confirmed) } : { end: due, note: "countdown" };
    case "later-of":
      return arrived === null ? { end: capped(limitEnd(route, Math.max(paid, due ?? paid))) } : null;
    // An item that came but is not as described: counted from delivery, never past the cap.
    case "arrived":
      return arrived === null ? null : { end: capped(limitEnd(route, arrived)) };
    case "paid-or-arrived":
      return arrived === null ? null : { end: capped(limitEnd(route, paid)), note: "arrived", other: capped(limitEnd(route, arrived)) };
    default:
      return { end: limitEnd(route, dates[route.rule]) };
  }
}

// Every route that fits the payment method, soonest first; overdue ones after the open ones.
export function results(config, dates, method, now) {
  const rows = [];
  for (const route of config.routes) {
    if (method && !route.methods.includes(method)) continue;
    const found = lastDay(route, dates);
    if (!found) continue;
    const row = { route, ...found };
    if (found.end !== null) {
      row.left = found.end - now;
      row.actBy = Math.max(now, found.end - config.margin);
    }
    rows.push(row);
  }
  const rank = (row) => (row.end === null ? 2 : row.left < 0 ? 1 : 0);
  return rows.sort((a, b) => rank(a) - rank(b) || (a.actBy ?? a.end ?? 0) - (b.actBy ?? b.end ?? 0));
}

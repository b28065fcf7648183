// The deadline calculator on /deadlines/. Dates are calendar dates ("2026-07-09"), counted as whole
// days with integer arithmetic: no clock, no time zone, no daylight saving. Every number comes
// from the page's config (data/deadlines.yml), every word from data/strings.yml.
import * as store from "./store.js";
import { boot, fill, offerFile } from "./util.js";

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
  const capped = (end) => (route.cap && end !== null ? Math.min(end, paid + route.cap) : end);
  switch (route.rule) {
    case "aliexpress":
      return confirmed !== null ? { end: limitEnd(route, confirmed) } : { end: due, note: "countdown" };
    case "later-of":
      return arrived === null ? { end: capped(limitEnd(route, Math.max(paid, due ?? paid))) } : null;
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

// --- the calendar file (RFC 5545) ---

const icsText = (text) => text.replace(/[\\;,]/g, (char) => `\\${char}`).replace(/\r?\n/g, "\\n");

// Lines of at most 75 octets; a continuation line starts with a space. Never splits a character.
export function fold(line) {
  const encoder = new TextEncoder();
  const out = [""];
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > 75) {
      out.push(" ");
      size = 1;
    }
    out[out.length - 1] += char;
    size += bytes;
  }
  return out.join("\r\n");
}

export function calendar(rows, config, format, stamp) {
  const strings = config.strings;
  const compact = (day) => isoDate(day).replace(/-/g, "");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//refund-guide//deadlines//EN", "METHOD:PUBLISH"];
  for (const row of rows.filter((one) => one.end !== null && one.left >= 0)) {
    const summary = fill(strings.event, { route: row.route.title });
    lines.push(
      "BEGIN:VEVENT",
      `UID:${row.route.id}-${compact(row.end)}@refund-guide`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(row.actBy)}`,
      `DTEND;VALUE=DATE:${compact(row.actBy + 1)}`,
      `SUMMARY:${icsText(summary)}`,
      `DESCRIPTION:${icsText(fill(strings.event_text, { date: format(row.end), action: row.route.action }))}`,
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      `DESCRIPTION:${icsText(summary)}`,
      `TRIGGER:-P${config.alarm}D`,
      "END:VALARM",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

// --- the page ---

const FIELDS = ["paid", "due", "arrived", "confirmed", "statement", "opened"];

class Calculator {
  constructor(root, config) {
    this.root = root;
    this.config = config;
    this.strings = config.strings;
    this.form = root.querySelector("[data-rg-deadlines-form]");
    this.values = store.readTexts("deadlines");
    this.saving = this.values !== undefined;
    this.values ??= {};
    const formatter = new Intl.DateTimeFormat(this.strings.date_locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    // Only to print a date: midnight UTC of that day, printed in UTC, is that day everywhere.
    this.format = (day) => formatter.format(day * 864e5);
  }

  $(selector) {
    return this.root.querySelector(selector);
  }

  showValues() {
    for (const control of this.form.elements) {
      if (control.type === "radio") control.checked = control.value === (this.values.method || "");
      else if (FIELDS.includes(control.name)) control.value = this.values[control.name] || "";
    }
  }

  start() {
    this.showValues();
    this.form.addEventListener("input", () => this.onInput());
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.root.addEventListener("click", (event) => this.onAction(event));
    this.$(".rg-deadlines").hidden = false;
    if (!this.saving) this.status(this.strings.storage_off);
    this.render();
  }

  onInput() {
    for (const control of this.form.elements) {
      if (FIELDS.includes(control.name)) this.values[control.name] = control.value;
      if (control.type === "radio" && control.checked) this.values.method = control.value;
    }
    if (this.saving && !store.write("deadlines", this.values)) {
      this.saving = false;
      this.status(this.strings.storage_off);
    }
    this.render();
  }

  status(text) {
    this.$("[data-rg-status]").textContent = text;
  }

  // Each field's date as a day number, and a message for each one that cannot be used.
  read(now) {
    const dates = {};
    const problems = {};
    const { past_days: past, future_days: future } = this.config.range;
    for (const name of FIELDS) {
      const control = this.form.elements[name];
      const day = dayNumber(control.value);
      dates[name] = day;
      if (control.validity.badInput || (control.value && day === null)) problems[name] = this.strings.bad_date;
      else if (day !== null && (day < now - past || day > now + future)) problems[name] = this.strings.too_far;
      else if (day !== null && name !== "due" && day > now) problems[name] = this.strings.future;
      else if (day !== null && name !== "paid" && dates.paid !== null && day < dates.paid) problems[name] = this.strings.before_paid;
    }
    if (dates.paid === null && !problems.paid) problems.paid = this.strings.need_paid;
    for (const name of Object.keys(problems)) dates[name] = null;
    return { dates, problems };
  }

  render() {
    const now = today();
    const { dates, problems } = this.read(now);
    for (const name of FIELDS) {
      const error = this.$(`#rg-deadline-${name}-error`);
      error.textContent = problems[name] || "";
      error.hidden = !problems[name];
      this.form.elements[name].setAttribute("aria-invalid", Boolean(problems[name]));
    }
    const summary = this.$("[data-rg-summary]");
    const table = this.$("[data-rg-table]");
    const tools = this.$("[data-rg-tools]");
    this.rows = dates.paid === null ? [] : results(this.config, dates, this.values.method, now);
    summary.textContent = dates.paid === null ? this.strings.empty : this.rows.length ? "" : this.strings.none;
    table.hidden = tools.hidden = this.rows.length === 0;
    this.$("[data-rg-rows]").replaceChildren(...this.rows.map((row) => this.rowElement(row)));
    this.lines = this.rows
      .filter((row) => row.end !== null && row.left >= 0)
      .map((row) => fill(this.strings.list_line, { act_by: this.format(row.actBy), route: row.route.title, last_day: this.format(row.end) }));
    this.$("[data-rg-list]").replaceChildren(
      ...this.lines.map((line) => {
        const item = document.createElement("li");
        item.textContent = line;
        return item;
      }),
    );
  }

  rowElement(row) {
    const s = this.strings;
    const tr = document.createElement("tr");
    const cell = (text, tag = "td") => {
      const element = tr.appendChild(document.createElement(tag));
      if (text) element.textContent = text;
      return element;
    };
    const first = cell("", "th");
    first.scope = "row";
    const add = (text, className, tag = "p") => {
      const element = first.appendChild(document.createElement(tag));
      element.textContent = text;
      if (className) element.className = className;
      return element;
    };
    add(row.route.title, "", "strong");
    const notes = [];
    if (row.note === "countdown") notes.push(s.countdown);
    if (row.note === "arrived") notes.push(fill(s.arrived, { date: this.format(row.other) }));
    if (row.route.note) notes.push(row.route.note);
    if (row.end === null) notes.push(fill(s.needs, { field: this.config.labels[row.route.rule] }));
    if (row.left < 0) notes.push(s.late);
    for (const note of notes) add(note, "rg-deadlines__note");
    if (row.route.letter) {
      const link = add(s.letter, "", "a");
      link.href = row.route.letter;
    }
    const source = add(`${fill(s.source, { confidence: row.route.confidence, date: row.route.as_of })} `, "rg-deadlines__source");
    const link = source.appendChild(document.createElement("a"));
    link.href = row.route.url;
    link.textContent = row.route.source;
    const known = row.end !== null;
    cell(known && row.left >= 0 ? this.format(row.actBy) : "");
    cell(known ? this.format(row.end) : "");
    cell(!known ? "" : row.left < 0 ? s.passed : row.left === 0 ? s.today : row.left === 1 ? s.one_day : fill(s.days_left, { days: row.left }));
    if (row.left < 0) tr.className = "rg-deadlines__late";
    return tr;
  }

  onAction(event) {
    const button = event.target.closest("[data-rg-action]");
    if (!button) return;
    const action = button.dataset.rgAction;
    if (action === "ics") {
      const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
      const text = calendar(this.rows, this.config, this.format, stamp);
      offerFile(new Blob([text], { type: "text/calendar;charset=utf-8" }), this.strings.ics_name);
    }
    if (action === "copy") this.copy();
    if (action === "print") window.print();
    if (action === "forget") {
      store.forgetDetails();
      this.values = {};
      this.showValues();
      this.render();
      this.status(this.strings.forgotten);
    }
  }

  copy() {
    const selectInstead = () => {
      getSelection().selectAllChildren(this.$("[data-rg-list]"));
      this.status(this.strings.copy_select);
    };
    if (!navigator.clipboard) return selectInstead();
    navigator.clipboard.writeText(this.lines.join("\n")).then(() => this.status(this.strings.copied), selectInstead);
  }
}

boot(".rg-deadlines-config", (root, config) => new Calculator(root, config).start());

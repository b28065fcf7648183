// The deadline calculator on /deadlines/. Dates are calendar dates ("2026-07-09"), counted as whole
// days with integer arithmetic: no clock, no time zone, no daylight saving. Every number comes
// from the page's config (data/deadlines.yml), every word from data/strings.yml.
import * as store from "./store.js";
import { boot, fill, offerFile } from "./util.js";

export { addMonths, dayNumber, isoDate, lastDay, results, today } from "./deadline-math.js";
import { dayNumber, isoDate, results, today } from "./deadline-math.js";
import { plan } from "./situation-plan.js";

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

// Exactly the rows the page lists (open ones with a date), each with a link back to `url`.
export function calendar(rows, config, format, stamp, url) {
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
      `DESCRIPTION:${icsText([fill(strings.event_text, { date: format(row.end), action: row.route.action }), ...(url ? [fill(strings.event_link, { url })] : [])].join("\n"))}`,
      ...(url ? [`URL:${url}`] : []),
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

const FIELDS = ["paid", "due", "countdown", "arrived", "confirmed", "statement", "opened", "final"];
// Dates that may lie ahead: a promised delivery and the countdown's end.
const AHEAD = ["due", "countdown"];

class Calculator {
  constructor(root, config) {
    this.root = root;
    this.config = config;
    this.strings = config.strings;
    this.form = root.querySelector("[data-rg-deadlines-form]");
    this.values = store.readTexts("deadlines");
    this.saving = this.values !== undefined;
    this.values ??= {};
    this.situation = this.readSituation();
    // Made on first use: a first visit with no dates to show skips loading the locale's date data.
    let formatter = null;
    const options = { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };
    // Only to print a date: midnight UTC of that day, printed in UTC, is that day everywhere.
    this.format = (day) => (formatter ??= new Intl.DateTimeFormat(this.strings.date_locale, options)).format(day * 864e5);
  }

  $(selector) {
    return this.root.querySelector(selector);
  }

  // The situation: the problem type (kept in `checklist`), the stage and method (`situation`) and
  // the country (`report`, shared with Where to report). An unknown value falls back to the default.
  readSituation() {
    const saved = store.read("situation") || {};
    const offered = (name, value) => [...this.form.querySelectorAll(`[name="${name}"] option, [name="${name}"][type=radio]`)].some((option) => option.value === value);
    const pick = (name, value, fallback) => (typeof value === "string" && offered(name, value) ? value : fallback);
    return {
      type: pick("type", store.read("checklist")?.type, ""),
      stage: pick("stage", saved.stage, "not-disputed"),
      method: pick("method", saved.method, this.config.plan.unknown),
      country: pick("country", store.read("report")?.country, ""),
    };
  }

  showValues() {
    for (const control of this.form.elements) {
      if (control.type === "radio") control.checked = control.value === this.situation[control.name];
      else if (control.name in this.situation) control.value = this.situation[control.name];
      else if (FIELDS.includes(control.name)) control.value = this.values[control.name] || "";
    }
  }

  saveSituation() {
    const { type, stage, method, country } = this.situation;
    const checklist = store.read("checklist") || {};
    const sameType = (checklist.type || "") === type;
    const sameCountry = (store.read("report")?.country || "") === country;
    return (
      (sameType || store.write("checklist", { v: 1, ticked: [], ...checklist, type: type || null })) &&
      store.edit("situation", (part) => Object.assign(part, { stage, method })) &&
      (sameCountry || store.write("report", country ? { country } : null))
    );
  }

  start() {
    this.showValues();
    // Back may load the page again, and the browser then puts back its fields as they were left
    // (just before pageshow); one keystroke would save them all: show what is saved again.
    addEventListener("pageshow", (event) => event.persisted || this.showValues());
    this.form.addEventListener("input", () => this.onInput());
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.root.addEventListener("click", (event) => this.onAction(event));
    this.$(".rg-deadlines").hidden = false;
    if (!this.saving) this.status(this.strings.storage_off);
    this.render();
  }

  onInput() {
    this.touched = true;
    for (const control of this.form.elements) {
      if (FIELDS.includes(control.name)) this.values[control.name] = control.value;
      else if (control.name in this.situation && (control.type !== "radio" || control.checked)) this.situation[control.name] = control.value;
    }
    if (this.saving && !(store.write("deadlines", this.values) && this.saveSituation())) {
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
      else if (day !== null && !AHEAD.includes(name) && day > now) problems[name] = this.strings.future;
      else if (day !== null && name !== "paid" && dates.paid !== null && day < dates.paid) problems[name] = this.strings.before_paid;
    }
    // Asked for only once the reader has typed: an error before any input moves the form (layout shift).
    if (dates.paid === null && !problems.paid && this.touched) problems.paid = this.strings.need_paid;
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
    const { type, stage, method, country } = this.situation;
    const shown = new Set(plan(this.config.plan, type, stage, method, country).limits);
    this.rows = dates.paid === null ? [] : results(this.config, dates, shown, now);
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
    if (row.note === "from-paid") notes.push(s.from_paid);
    if (row.route.kind === "letter") notes.push(s.post_by);
    if (row.route.kind === "banks") notes.push(s.banks);
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
      const text = calendar(this.rows, this.config, this.format, stamp, location.origin + location.pathname);
      offerFile(new Blob([text], { type: "text/calendar;charset=utf-8" }), this.strings.ics_name);
    }
    if (action === "copy") this.copy();
    if (action === "print") window.print();
    if (action === "forget") this.forget();
  }

  // Dates and letter details only, after a question naming what goes; the case file's diary stays.
  forget() {
    if (["details", "deadlines", "situation"].some(store.holds) && !window.confirm(this.strings.forget_confirm)) return;
    const done = store.forgetDetails();
    this.values = {};
    this.situation = this.readSituation();
    this.showValues();
    this.render();
    this.status(done ? this.strings.forgotten : this.strings.storage_off);
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

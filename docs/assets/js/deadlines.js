// The deadline calculator on /deadlines/. Dates are calendar dates ("2026-07-09"), counted as whole
// days with integer arithmetic: no clock, no time zone, no daylight saving. Every number comes
// from the page's config (data/deadlines.yml), every word from data/strings.yml.
import * as store from "./store.js";
import { boot, fill, offerFile } from "./util.js";

export { addMonths, dayNumber, isoDate, lastDay, results, today } from "./deadline-math.js";
import { dayNumber, isoDate, results, today } from "./deadline-math.js";

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
    this.touched = true;
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
    if (action === "forget") this.forget();
  }

  // Dates and letter details only, after a question naming what goes; the case file's diary stays.
  forget() {
    if ((store.holds("details") || store.holds("deadlines")) && !window.confirm(this.strings.forget_confirm)) return;
    const done = store.forgetDetails();
    this.values = {};
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

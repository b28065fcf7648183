// The case file on /case/ (#12): the facts (the same values the letters and the deadline calculator
// read and write), reference numbers, a diary, what needs doing now, and a one-page summary to print,
// or to download as .txt or .docx. Every word comes from the page's config (data/strings.yml).
import * as store from "./store.js";
import { boot, datePrintouts, fill, longDate, newId, offerFile, steady, today as todayIso } from "./util.js";

const DATE_NAMES = ["paid", "due", "countdown", "arrived", "confirmed", "statement", "opened", "final"];
export const PARTS = ["checklist", "details", "deadlines", "case", "report", "situation"];
export const APP = "refund-guide-case";
// The summary names this many open tasks and deadlines, so that it fits on one page.
const OPEN_SHOWN = 6;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// A real calendar day: the date parsed (as UTC) keeps its day of the month (no 30 February).
const isDay = (value) => typeof value === "string" && DAY.test(value) && new Date(Date.parse(value)).getUTCDate() === +value.slice(8);
const plain = (raw) => (raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {});
const count = (value) => (Number.isSafeInteger(value) && value >= 0 ? value : 0);
// Text a reader wrote, without control characters other than line breaks, and not too long.
const clean = (value, size) => (typeof value === "string" ? value.replace(/[\0-\x08\x0b-\x1f\x7f]/g, "").slice(0, size) : "");

// The case part repaired, whatever was stored or imported: { diary (oldest first), ticks, edits, saved }.
export function normaliseCase(raw, known) {
  const ok = plain(raw);
  const ids = new Set();
  const diary = [];
  for (const [at, raw] of (Array.isArray(ok.diary) ? ok.diary.slice(0, 500) : []).entries()) {
    const entry = plain(raw);
    const text = clean(entry.text, 2000);
    if (!isDay(entry.day) || !text.trim()) continue;
    let id = /^[\w-]{1,40}$/.test(entry.id) ? entry.id : `e${at}`;
    while (ids.has(id)) id += "x";
    ids.add(id);
    diary.push({ id, day: entry.day, text, at });
  }
  diary.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.at - b.at));
  const ticks = {};
  for (const [id, day] of Object.entries(plain(ok.ticks))) if (known.ids.has(id) && isDay(day)) ticks[id] = day;
  return { diary: diary.map(({ at, ...entry }) => entry), ticks, edits: count(ok.edits), saved: count(ok.saved) };
}

// The checklist part repaired: a known type, known ticked ids (its own script reads the same shape).
export function normaliseChecklist(raw, known) {
  const ok = plain(raw);
  const ticked = Array.isArray(ok.ticked) ? ok.ticked.slice(0, 500) : [];
  return { v: 1, type: known.types.has(ok.type) ? ok.type : null, ticked: [...new Set(ticked.filter((id) => known.ids.has(id)))] };
}

// A map of names to short texts, from anything: what the details and deadlines parts may hold.
export function texts(raw) {
  const out = {};
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return out;
  for (const key of Object.keys(raw).slice(0, 500)) {
    if (/^[a-z0-9@-]{1,100}$/.test(key) && typeof raw[key] === "string") out[key] = raw[key].slice(0, 20000);
  }
  return out;
}

class Case {
  constructor(root, config) {
    this.root = root;
    this.config = config;
    this.strings = config.strings;
    this.known = { ids: new Set(config.items.map((item) => item.id)), types: new Set(Object.keys(config.types)) };
    // Made when a date is first shown: creating a format loads the locale's data (~30 ms).
    let formatter = null;
    const format = (when) =>
      (formatter ||= new Intl.DateTimeFormat(this.strings.date_locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })).format(when);
    this.format = (iso) => (isDay(iso) ? format(new Date(`${iso}T00:00:00Z`)) : iso);
    this.formatDay = (day) => format(day * 864e5);
    this.form = root.querySelector("[data-rg-case-form]");
    this.diaryForm = root.querySelector("[data-rg-diary-form]");
  }

  $(selector) {
    return this.root.querySelector(selector);
  }

  status(text) {
    this.$("[data-rg-status]").textContent = text;
  }

  load() {
    this.details = texts(store.read("details"));
    this.dates = texts(store.read("deadlines"));
    this.situation = texts(store.read("situation"));
    this.report = texts(store.read("report"));
    this.checklist = normaliseChecklist(store.read("checklist"), this.known);
    this.file = normaliseCase(store.read("case"), this.known);
  }

  value(part, key) {
    if (part === "checklist") return this.checklist.type || "";
    const value = ({ details: this.details, situation: this.situation, report: this.report }[part] || this.dates)[key];
    return value || (key === "method" ? "unknown" : "");
  }

  start() {
    if (store.read("details") === undefined) {
      const off = this.$("[data-rg-case-off]");
      off.textContent = this.strings.storage_off;
      off.hidden = false;
      // Gone, not hidden: extra.css lays the case file out before this script runs (no layout shift).
      this.$(".rg-case").remove();
      return;
    }
    datePrintouts(this.strings.print_date, this.strings.date_locale);
    this.form.addEventListener("input", (event) => this.onInput(event));
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.diaryForm.addEventListener("submit", (event) => this.onDiary(event));
    this.root.addEventListener("click", (event) => this.onAction(event));
    this.$("[data-rg-import]").addEventListener("change", (event) => this.onImport(event.target));
    this.$(".rg-case").hidden = false;
    this.load();
    this.showValues();
    // Back may load the page again, and the browser then puts back its fields as they were left
    // (just before pageshow): show what is saved again.
    addEventListener("pageshow", (event) => event.persisted || this.showValues());
    this.resetDiaryForm();
    this.render();
    this.persist();
    // The plan that picks the deadlines for the reader's situation, and the calculator's arithmetic,
    // load after the page (they keep it within its size budget); until then the deadlines list
    // stays as it was.
    Promise.all([import("./situation-plan.js"), import("./deadline-math.js")]).then(([{ plan }, math]) => {
      this.math = math;
      this.plan = plan;
      this.render();
    });
  }

  showValues() {
    for (const control of this.form.querySelectorAll("[data-part]")) control.value = this.value(control.dataset.part, control.dataset.key);
  }

  onInput(event) {
    const { part, key } = event.target.dataset;
    if (!part) return;
    const value = event.target.value;
    const saved =
      part === "checklist"
        ? store.write("checklist", { ...normaliseChecklist(store.read("checklist"), this.known), type: this.known.types.has(value) ? value : null })
        : store.edit(part, (values) => {
            values[key] = value;
          });
    // The lists above may grow (tasks, the backup reminder): the field in use stays put.
    steady(() => {
      this.change(() => {});
      this.load();
      this.render();
    });
    // The typed value stays in its field; the reader is told it is not kept.
    if (!saved) this.status(this.strings.not_saved);
  }

  // --- the diary ---

  // Change the case part, repaired first, and count the change (for the backup reminder). False
  // when it could not be saved (storage full or blocked).
  change(how) {
    const file = normaliseCase(store.read("case"), this.known);
    file.edits += 1;
    how(file);
    return store.write("case", file);
  }

  resetDiaryForm() {
    this.editing = null;
    this.diaryForm.elements.day.value = todayIso();
    this.diaryForm.elements.text.value = "";
    this.$("[data-rg-diary-submit]").textContent = this.submitLabel ??= this.$("[data-rg-diary-submit]").textContent;
    this.$('[data-rg-action="cancel"]').hidden = true;
  }

  onDiary(event) {
    event.preventDefault();
    const { day, text } = this.diaryForm.elements;
    const words = text.value.trim();
    if (!isDay(day.value)) return this.problem(day, this.strings.need_day);
    if (!words) return this.problem(text, this.strings.need_text);
    const editing = this.editing;
    const saved = this.change((file) => {
      const entry = file.diary.find((one) => one?.id === editing);
      if (entry) Object.assign(entry, { day: day.value, text: words });
      else file.diary.push({ id: newId(), day: day.value, text: words });
    });
    // Not saved: the entry stays in the form, never cleared and reported as added.
    if (!saved) return this.problem(text, this.strings.not_saved);
    this.resetDiaryForm();
    this.load();
    this.render();
    this.status(editing ? this.strings.changed : this.strings.added);
    if (editing) this.$(`[data-rg-entry="${editing}"] button`)?.focus();
  }

  problem(control, message) {
    this.status(message);
    control.focus();
  }

  edit(id) {
    const entry = this.file.diary.find((one) => one.id === id);
    if (!entry) return;
    this.editing = id;
    this.diaryForm.elements.day.value = entry.day;
    this.diaryForm.elements.text.value = entry.text;
    this.$("[data-rg-diary-submit]").textContent = this.strings.save;
    this.$('[data-rg-action="cancel"]').hidden = false;
    this.status(fill(this.strings.editing, { date: this.format(entry.day) }));
    this.diaryForm.elements.text.focus();
  }

  remove(id) {
    const saved = this.change((file) => {
      file.diary = file.diary.filter((one) => one?.id !== id);
    });
    if (!saved) return this.status(this.strings.not_saved);
    if (this.editing === id) this.resetDiaryForm();
    this.load();
    this.render();
    this.status(this.strings.removed);
    this.$("[data-rg-diary-heading]").focus();
  }

  diaryItem(entry) {
    const li = document.createElement("li");
    li.dataset.rgEntry = entry.id;
    const line = li.appendChild(document.createElement("p"));
    const time = line.appendChild(document.createElement("time"));
    time.dateTime = entry.day;
    time.textContent = this.format(entry.day);
    const text = line.appendChild(document.createElement("span"));
    text.id = `case-entry-${entry.id}`;
    text.className = "rg-diary__text";
    text.textContent = entry.text;
    time.id = `case-day-${entry.id}`;
    const tools = li.appendChild(document.createElement("p"));
    tools.className = "rg-toolbar";
    for (const action of ["edit", "remove"]) {
      const button = tools.appendChild(document.createElement("button"));
      button.type = "button";
      button.className = "md-button";
      button.dataset.rgAction = action;
      button.dataset.id = entry.id;
      button.textContent = this.strings[action];
      button.setAttribute("aria-describedby", `${time.id} ${text.id}`);
    }
    return li;
  }

  // --- what needs doing, and the summary ---

  // The tasks the checklist shows for the chosen type, its key task (the next one) first.
  tasks() {
    const type = this.checklist.type;
    const { items } = this.config;
    const visible = this.config.tasks[type || ""].map((at) => items[at].id);
    const text = (id) => items.find((item) => item.id === id).text;
    const ticked = this.checklist.ticked;
    const open = visible.filter((id) => !ticked.includes(id));
    const next = (type ? this.config.types[type].first : []).find((id) => open.includes(id));
    if (next) open.unshift(...open.splice(open.indexOf(next), 1));
    return {
      open: open.map(text),
      done: visible
        .filter((id) => ticked.includes(id))
        .map((id) => (this.file.ticks[id] ? fill(this.strings.done_line, { task: text(id), date: this.format(this.file.ticks[id]) }) : text(id))),
    };
  }

  // The plan's limits for the reader's situation (the calculator's own arithmetic), from whatever
  // dates were given: the open ones soonest first, then (for the summary) those that passed. Null
  // until the plan and the arithmetic load.
  deadlines(passed = false) {
    if (!this.plan) return null;
    const { dayNumber, results, today } = this.math;
    const dates = Object.fromEntries(DATE_NAMES.map((name) => [name, dayNumber(this.dates[name])]));
    const shown = new Set(this.plan(this.config.plan, this.checklist.type, this.situation.stage, this.situation.method, this.report.country).limits);
    return results(this.config, dates, shown, today())
      .filter((row) => row.end !== null && (passed || row.left >= 0))
      .map((row) =>
        row.left >= 0
          ? fill(this.strings.list_line, { act_by: this.formatDay(row.actBy), route: row.route.title, last_day: this.formatDay(row.end) })
          : fill(this.strings.passed_line, { route: row.route.title, last_day: this.formatDay(row.end) }),
      );
  }

  // Who the case is about (if given) and the situation the plan is for (#22): every line of the
  // situation is printed, "Not chosen yet" included, so a reader of the summary knows what is unknown.
  situationLines() {
    const { labels, stages, countries, methods } = this.config;
    const none = this.strings.type_none;
    const who = this.config.who.map(([part, key]) => [labels[key], this.value(part, key).trim()]).filter(([, value]) => value);
    const type = this.checklist.type;
    const stage = stages[this.situation.stage];
    const final = this.dates.final;
    const stageText = stage && isDay(final) ? fill(this.strings.stage_final, { stage, date: this.format(final) }) : stage || none;
    return [
      ...who,
      [labels.type, type ? this.config.types[type].title : none],
      [labels.stage, stageText],
      [labels.method, methods[this.value("situation", "method")] || none],
      [labels.country, countries[this.report.country] || none],
    ];
  }

  // The summary as sections of [label, text] lines (label "" for a plain line).
  summary() {
    const { labels } = this.config;
    const facts = [];
    for (const [part, key] of this.config.facts) {
      const value = this.value(part, key).trim();
      if (value) facts.push([labels[key], DATE_NAMES.includes(key) || /date$/.test(key) ? this.format(value) : value]);
    }
    const refs = this.config.refs.map(([part, key]) => [labels[key], this.value(part, key).trim()]).filter(([, value]) => value);
    const { open, done } = this.tasks();
    const plain = (lines) => lines.map((line) => ["", line]);
    return {
      situation: this.situationLines(),
      facts,
      refs,
      timeline: this.file.diary.map((entry) => [this.format(entry.day), entry.text]),
      deadlines: plain((this.deadlines(true) || []).slice(0, OPEN_SHOWN)),
      done: plain(done),
      open: plain(open.length > OPEN_SHOWN ? [...open.slice(0, OPEN_SHOWN), fill(this.strings.more_tasks, { count: open.length - OPEN_SHOWN })] : open),
      evidence: plain((this.details["evidence-list"] || "").split("\n").map((line) => line.trim()).filter(Boolean)),
    };
  }

  render() {
    const list = (selector, lines, empty) =>
      this.$(selector).replaceChildren(
        ...(lines.length ? lines : [empty]).map((line) => {
          const li = document.createElement("li");
          li.textContent = line;
          return li;
        }),
      );
    const { open } = this.tasks();
    if (this.plan) list("[data-rg-case-deadlines]", this.deadlines().slice(0, 3), this.strings.no_deadlines);
    list("[data-rg-case-tasks]", open.slice(0, 3), this.strings.no_tasks);
    if (open.length > 3) this.$("[data-rg-case-tasks]").append(Object.assign(document.createElement("li"), { textContent: fill(this.strings.more_tasks, { count: open.length - 3 }) }));
    const diary = this.$("[data-rg-diary]");
    diary.replaceChildren(...this.file.diary.map((entry) => this.diaryItem(entry)));
    if (!this.file.diary.length) list("[data-rg-diary]", [], this.strings.no_diary);
    this.$("[data-rg-backup-text]").textContent = this.strings.backup_due;
    this.$("[data-rg-backup-note]").hidden = this.file.edits <= this.file.saved;
    this.renderSummary();
  }

  lead() {
    const type = this.checklist.type ? this.config.types[this.checklist.type].title : this.strings.type_none;
    return fill(this.strings.lead, { type, date: longDate(this.strings.date_locale) });
  }

  renderSummary() {
    this.$("[data-rg-summary-lead]").textContent = this.lead();
    for (const [name, lines] of Object.entries(this.summary())) {
      const body = this.$(`[data-rg-part="${name}"] tbody`);
      body.replaceChildren(
        ...(lines.length ? lines : [["", this.strings.nothing]]).map(([label, text]) => {
          const tr = document.createElement("tr");
          if (label) {
            const th = tr.appendChild(document.createElement("th"));
            th.scope = "row";
            th.textContent = label;
          }
          tr.appendChild(document.createElement("td")).textContent = text;
          return tr;
        }),
      );
    }
  }

  summaryText() {
    const out = [this.strings.summary, this.lead(), ""];
    for (const [name, lines] of Object.entries(this.summary())) {
      out.push(this.strings[`s_${name}`]);
      for (const [label, text] of lines.length ? lines : [["", this.strings.nothing]]) {
        out.push(label ? fill(this.strings.fact_line, { label, value: text }) : `- ${text}`);
      }
      out.push("");
    }
    return out.join("\n");
  }

  // --- actions ---

  onAction(event) {
    const button = event.target.closest("[data-rg-action]");
    if (!button) return;
    const action = button.dataset.rgAction;
    if (action === "edit") this.edit(button.dataset.id);
    if (action === "remove") this.remove(button.dataset.id);
    if (action === "cancel") {
      this.resetDiaryForm();
      this.status("");
      this.diaryForm.elements.text.focus();
    }
    if (action === "print") window.print();
    if (action === "txt") offerFile(new Blob([this.summaryText()], { type: "text/plain;charset=utf-8" }), this.strings.txt_name);
    if (action === "docx") this.docx();
    if (action === "backup") this.backup();
    if (action === "forget" && window.confirm(this.strings.forget_confirm)) {
      const done = store.writeParts({ details: null, deadlines: null, case: null });
      this.load();
      this.showValues();
      this.resetDiaryForm();
      this.render();
      this.status(done ? this.strings.forgotten : this.strings.not_saved);
    }
  }

  // The summary as a Word file, built by a module loaded only now (with the letters' .docx builder).
  async docx() {
    try {
      const tools = await import("./case-tools.js");
      const headings = [this.strings.summary, ...Object.keys(this.summary()).map((name) => this.strings[`s_${name}`])];
      offerFile(await tools.docx(this.summaryText(), headings, new URL(this.config.docx, __rg_site.root)), this.strings.docx_name);
    } catch (error) {
      this.status(this.strings.docx_failed);
    }
  }

  // --- backup, restore, and asking the browser to keep the data ---

  backup() {
    this.file.saved = this.file.edits;
    store.write("case", this.file);
    const data = { app: APP, v: 2 };
    for (const part of PARTS) data[part] = store.read(part) ?? null;
    offerFile(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" }), this.strings.backup_name);
    this.render();
    this.status(this.strings.backup_done);
  }

  onImport(input) {
    const file = input.files[0];
    input.value = "";
    if (file) file.text().then((text) => this.restore(text), () => this.status(this.strings.import_failed));
  }

  // A backup file from this page, or the checklist's progress file; anything else changes nothing.
  // Only the parts the file holds are replaced (the progress file holds the checklist alone), all
  // in one write: a file too big for the storage changes nothing, and says so.
  async restore(text) {
    const parts = (await import("./case-tools.js")).readBackup(text, this.known);
    if (!parts) return this.status(this.strings.import_failed);
    const whole = "case" in parts;
    const current = Object.keys(parts).some((part) => store.read(part));
    if (current && !window.confirm(whole ? this.strings.import_confirm : this.strings.import_checklist_confirm)) return;
    if (parts.case) parts.case.saved = parts.case.edits; // the file it came from is a backup
    const saved = store.writeParts(parts);
    this.load();
    this.showValues();
    this.resetDiaryForm();
    this.render();
    this.status(!saved ? this.strings.import_not_saved : whole ? this.strings.import_done : this.strings.import_checklist_done);
  }

  persist() {
    const note = this.$("[data-rg-persist]");
    const show = (kept) => {
      note.textContent = kept ? this.strings.persisted : this.strings.not_persisted;
      note.hidden = false;
    };
    const storage = navigator.storage;
    if (!storage?.persist) return;
    storage
      .persisted()
      .then((kept) => kept || storage.persist())
      .then(show, () => show(false));
  }
}

boot(".rg-case-config", (root, config) => new Case(root, config).start());

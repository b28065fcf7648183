// Letter pages: a form whose values fill a live preview, then copy, .txt, .docx and print.
// Values are kept in this browser only (store.js) and pre-fill the same fields on other letters.
// Every word shown comes from the page's config (data/strings.yml and data/letters.yml).
import * as T from "./letter-text.js";
import * as store from "./store.js";
import { boot, datePrintouts, fill, offerFile, sayBeside, today } from "./util.js";

// A letter's date belongs to that letter: today when opened, unless the reader set it there (#22).
const OWN_DATE = "letter-date";
// An amount is typed once: these start as the amount paid until the reader changes them (#22).
const STARTS_AS = { "refund-requested": "amount-paid", "amount-charged": "amount-paid" };
// The delivery date the seller promised starts as the one given on /deadlines/ (#22).
const FROM_DEADLINES = { "promised-delivery-date": "due" };

class Letter {
  constructor(root, config) {
    this.root = root;
    this.config = config;
    this.strings = config.strings;
    this.form = root.querySelector("[data-rg-form]");
    this.values = store.readTexts("details");
    this.saving = this.values !== undefined;
    this.values ??= {};
    // What a recipient in the reader's country expects (chosen on Where to report), else the default.
    const { countries, default: fallback } = config.slots;
    const country = store.read("report")?.country;
    this.slots = (typeof country === "string" && Object.hasOwn(countries, country) && countries[country]) || fallback;
    this.body = T.expand(config.body, this.slots);
  }

  $(selector) {
    return this.root.querySelector(selector);
  }

  said(text) {
    sayBeside(this.$('[data-rg-action="copy"]'), this.$("[data-rg-said]"), text);
  }

  status(text) {
    this.$("[data-rg-status]").textContent = text;
  }

  // A choice field's pick is saved per letter by the reason's id ("claim-reason@card-chargeback").
  choiceKey(id) {
    return `${id}@${this.config.id}`;
  }

  // Where a field's value is kept: the letter's date per letter, every other field shared.
  key(id) {
    return id === OWN_DATE ? `${id}@${this.config.id}` : id;
  }

  // A field's value: what the reader typed, else today's date or the amount it starts as.
  value(id) {
    const typed = this.values[this.key(id)];
    if (typed) return typed;
    if (id === OWN_DATE) return today();
    const promised = FROM_DEADLINES[id] && store.read("deadlines")?.[FROM_DEADLINES[id]];
    return (STARTS_AS[id] && this.values[STARTS_AS[id]]) || (typeof promised === "string" ? promised : "");
  }

  // What the letter says for each field: a picked reason's text, otherwise what was typed.
  filled() {
    const out = { ...this.values };
    for (const id of Object.keys(this.config.fields)) out[id] = this.value(id);
    for (const [id, field] of Object.entries(this.config.fields)) {
      const pick = this.values[this.choiceKey(id)];
      if (field.reasons && Object.hasOwn(field.reasons, pick)) out[id] = field.reasons[pick];
    }
    return out;
  }

  showValues() {
    for (const control of this.form.querySelectorAll("[data-field]")) {
      control.value = this.value(control.dataset.field);
    }
    for (const radio of this.form.querySelectorAll("[data-choice]")) {
      radio.checked = this.values[this.choiceKey(radio.dataset.choice)] === radio.value;
    }
  }

  // Opened for a problem (?type=counterfeit), or with one chosen on the checklist or the case file
  // (#22): pick the first reason that fits it, unless the reader already chose one on this letter.
  pickForProblem() {
    const type = new URLSearchParams(location.search).get("type") || store.read("checklist")?.type;
    for (const [id, field] of Object.entries(this.config.fields)) {
      const fits = field.fits || {};
      if (Object.hasOwn(fits, type) && !this.values[this.choiceKey(id)]) this.values[this.choiceKey(id)] = fits[type];
    }
  }

  start() {
    datePrintouts(this.strings.print_date, this.strings.date_locale);
    this.pickForProblem();
    this.showValues();
    // A page loaded again by Back (not kept whole in the back/forward cache) gets back from the
    // browser, just before pageshow, what its fields showed when it was left: show what is saved.
    addEventListener("pageshow", (event) => event.persisted || this.showValues());
    this.form.addEventListener("input", (event) => this.onInput(event));
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.$(".rg-letter__actions").addEventListener("click", (event) => this.onAction(event));
    this.$(".rg-letter-form").hidden = false;
    this.$(".rg-letter__actions").hidden = false;
    this.$("[data-rg-count]").hidden = false;
    if (!this.saving) this.note();
    this.render();
  }

  note() {
    const note = this.$("[data-rg-note]");
    note.textContent = this.strings.letters_storage_off;
    note.hidden = false;
  }

  onInput(event) {
    const target = event.target;
    const choice = target.dataset.choice;
    if (choice) {
      this.values[this.choiceKey(choice)] = target.value;
    } else if (target.dataset.field) {
      this.values[this.key(target.dataset.field)] = target.value;
      // Typing your own reason picks "in my own words".
      const other = this.form.querySelector(`[data-choice="${target.dataset.field}"][value="other"]`);
      if (other) {
        other.checked = true;
        this.values[this.choiceKey(target.dataset.field)] = "other";
      }
    } else {
      return;
    }
    if (this.saving && !store.write("details", this.values)) {
      this.saving = false;
      this.note();
    }
    this.render();
  }

  // The preview, built from text nodes only: nothing typed is ever parsed as HTML.
  render() {
    const { fields, locale } = this.config;
    const values = this.filled();
    const blocks = [["body", this.body, locale]];
    this.config.versions.forEach((version, position) => blocks.push([`version-${position}`, version.body, version.locale]));
    for (const [name, template, blockLocale] of blocks) {
      const target = this.$(`[data-rg-preview="${name}"]`);
      target.replaceChildren(
        ...T.pieces(template, fields, values, blockLocale).map((piece) => {
          if (piece.text !== undefined) return document.createTextNode(piece.text);
          const element = document.createElement(piece.blank ? "mark" : "bdi");
          if (piece.blank) element.className = "rg-blank";
          element.textContent = piece.blank || piece.value;
          return element;
        }),
      );
    }
    const empty = T.emptyFields(fields, values);
    const count = empty === 0 ? this.strings.letters_complete : empty === 1 ? this.strings.letters_empty_one : this.strings.letters_empty_other;
    this.$("[data-rg-count]").textContent = fill(count, { count: empty });
  }

  fullText() {
    const { fields, locale } = this.config;
    const values = this.filled();
    let text = T.fillText(this.body, fields, values, locale).trimEnd();
    for (const version of this.config.versions) {
      text += `\n\n${version.label}\n\n${T.fillText(version.body, fields, values, version.locale).trimEnd()}`;
    }
    return `${text}\n`;
  }

  onAction(event) {
    const button = event.target.closest("[data-rg-action]");
    if (!button) return;
    const action = button.dataset.rgAction;
    if (action === "copy") this.copy();
    if (action === "txt") this.save(new Blob([this.fullText()], { type: "text/plain;charset=utf-8" }), "txt", "diary_downloaded");
    if (action === "docx") this.docx();
    if (action === "print") window.print();
    if (action === "forget") this.forget();
  }

  copy() {
    const selectInstead = () => {
      const blocks = this.root.querySelectorAll("[data-rg-preview]");
      const range = document.createRange();
      range.setStartBefore(blocks[0]);
      range.setEndAfter(blocks[blocks.length - 1]);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      this.said(this.strings.letters_copy_select);
    };
    if (!navigator.clipboard) return selectInstead();
    navigator.clipboard.writeText(this.fullText()).then(() => {
      this.said(this.strings.letters_copied);
      this.logged("diary_copied");
    }, selectInstead);
  }

  save(blob, extension, diary) {
    offerFile(blob, `${this.config.id}.${extension}`);
    if (diary) this.logged(diary);
  }

  // The case file (#12): after a copy or a download, a one-tap diary entry (its module loads now).
  logged(key) {
    const text = fill(this.strings[key], { letter: this.config.title });
    import("./diary.js").then((diary) => diary.offer(this.$(".rg-letter__actions"), this.strings, text, key));
  }

  async docx() {
    try {
      const [{ docxBlob }, response] = await Promise.all([
        import("./zip.js"),
        fetch(new URL(this.config.docx, __rg_site.root)),
      ]);
      const parts = await response.json();
      const xml = "word/document.xml";
      const template = T.expandDocumentXml(parts[xml], this.slots);
      parts[xml] = T.fillDocumentXml(template, this.config.fields, this.filled(), this.config.locale);
      this.save(docxBlob(parts), "docx", "diary_downloaded");
    } catch (error) {
      this.status(this.strings.letters_docx_failed);
    }
  }

  // Letter details and dates only, after a question naming what goes; the case file's diary stays.
  forget() {
    if ((store.holds("details") || store.holds("deadlines")) && !window.confirm(this.strings.letters_forget_confirm)) return;
    const done = store.forgetDetails();
    this.values = {};
    this.showValues();
    this.render();
    this.status(done ? this.strings.letters_forgotten : this.strings.letters_storage_off);
  }
}

boot(".rg-letter-config", (root, config) => new Letter(root, config).start());

// The interactive checklist on /checklist/ and the step pages. Every word it shows comes from
// the page's config (data/strings.yml).
import * as S from "./checklist-state.js";
import { plan } from "./situation-plan.js";
import * as store from "./store.js";
import { datePrintouts, fill, longDate, offerFile, sayBeside, steady } from "./util.js";

function readConfig(holder) {
  const config = JSON.parse(holder.dataset.config);
  config.known = { ids: new Set(config.ids), types: new Set(Object.keys(config.types)) };
  return config;
}

const words = (text) => (text || "").split(" ").filter(Boolean);

function pageItems(root) {
  return [...root.querySelectorAll(".rg-checklist li[data-check-id]")].map((li) => ({
    id: li.dataset.checkId,
    step: li.closest(".rg-checklist").dataset.step,
    onlyFor: words(li.dataset.onlyFor),
    skipFor: words(li.dataset.skipFor),
    methods: words(li.dataset.methods),
    where: words(li.dataset.where),
    li,
  }));
}

class Checklist {
  constructor(root, config) {
    this.root = root;
    this.config = config;
    this.strings = config.strings;
    this.items = pageItems(root);
    this.controls = root.querySelector(".rg-checklist-controls");
    const stored = store.read("checklist");
    this.saving = stored !== undefined;
    this.state = S.normalise(stored, config.known);
    this.opened = new Set(); // earlier steps the reader unfolded
  }

  // The reader's situation (#21, #22): stage and way of paying in `situation`, country in `report`
  // (a link's ?stage=&method=&country= is saved there by situation-arrival.js, which then says so
  // with an "rg-situation" event). Only the checklist page has a plan.
  situation() {
    const { stages, methods, countries } = this.config;
    if (!stages) return {};
    const saved = store.read("situation") || {};
    const pick = (value, known) => (known.includes(value) ? value : null);
    const stage = pick(saved.stage, Object.keys(stages)) || "not-disputed";
    return {
      stage,
      stageType: stages[stage][1],
      method: pick(saved.method, methods),
      country: pick(store.read("report")?.country, countries),
      unknown: this.config.plan.unknown,
      notListed: this.config.plan.not_listed,
    };
  }

  $(selector) {
    return this.root.querySelector(selector);
  }

  save() {
    if (this.saving && !store.write("checklist", JSON.parse(S.serialise(this.state)))) this.saving = false;
    if (!this.saving) this.note(this.strings.storage_off);
  }

  note(text) {
    const note = this.$("[data-rg-note]");
    note.textContent = text;
    note.hidden = false;
  }

  status(text) {
    this.$("[data-rg-status]").textContent = text;
  }

  // Show the state: which items, in what order, ticked or not, and progress.
  render() {
    const typeInfo = this.state.type ? this.config.types[this.state.type] : null;
    const first = typeInfo ? typeInfo.first : [];
    const situation = this.situation();
    const visible = S.visibleItems(this.items, this.state.type, typeInfo, situation);
    const overall = S.progress(visible, this.state.ticked, first);
    for (const list of this.root.querySelectorAll(".rg-checklist")) {
      const mine = this.items.filter((item) => item.step === list.dataset.step);
      const order = visible.filter((id) => mine.some((item) => item.id === id));
      const section = list.closest(".rg-step");
      if (section) section.hidden = typeInfo !== null && order.length === 0;
      const wanted = [
        ...order.map((id) => mine.find((item) => item.id === id)),
        ...mine.filter((item) => !order.includes(item.id)),
      ].map((item) => item.li);
      // Move nodes only when the order changes: moving a focused checkbox would drop keyboard focus.
      if (wanted.some((li, position) => list.children[position] !== li)) list.append(...wanted);
      this.meter(list.previousElementSibling, S.progress(order, this.state.ticked));
    }
    // Next is the first open task from the reader's step on, not one in a step folded behind.
    overall.next = S.progress(this.fold(visible, situation), this.state.ticked, first).next;
    this.letters(situation, typeInfo);
    for (const item of this.items) {
      item.li.hidden = !visible.includes(item.id);
      item.li.querySelector("input").checked = this.state.ticked.includes(item.id);
      item.li.classList.toggle("is-next", item.id === overall.next && Boolean(this.controls));
    }
    this.renderOverall(overall);
  }

  // Fold the steps before the reader's stage (#22); gives the ids from the current step on.
  fold(visible, situation) {
    const sections = [...this.root.querySelectorAll(".rg-step")].filter((section) => !section.hidden);
    if (!sections.length) return visible; // a step page: no folding
    const ids = (section) => visible.filter((id) => this.items.some((item) => item.id === id && item.step === section.dataset.step));
    const order = sections.map((section) => section.dataset.step);
    const wanted = situation.stage ? this.config.stages[situation.stage][0] : null;
    const all = this.config.ids.map((id) => id.split(".")[0]);
    let at = wanted ? order.findIndex((step) => all.indexOf(step) >= all.indexOf(wanted)) : 0;
    if (at < 0) at = 0;
    sections.forEach((section, position) => {
      const button = section.querySelector(".rg-fold");
      if (!button) return;
      const earlier = position < at;
      const open = !earlier || this.opened.has(section.dataset.step);
      const done = S.progress(ids(section), this.state.ticked);
      button.hidden = !earlier;
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? this.strings.fold_hide : fill(this.strings.fold_show, done);
      section.querySelector(".rg-step__tasks").hidden = !open;
    });
    const now = this.$("[data-rg-now]");
    if (now) {
      now.hidden = at === 0;
      if (at > 0) {
        const heading = sections[at].querySelector("h2");
        const [number, ...title] = heading.firstChild.nodeValue.trim().split(" ");
        now.textContent = fill(this.strings.now_step, { number: number.replace(".", ""), step: title.join(" ") });
      }
    }
    return sections.slice(at).flatMap(ids);
  }

  // Each task's letters: only those the reader's plan offers, opened for their problem (#22).
  letters(situation, typeInfo) {
    if (!this.config.plan) return;
    const { type } = this.state;
    const { limits } = plan(this.config.plan, type, situation.stage, situation.method, situation.country);
    const steps = typeInfo ? typeInfo.steps : this.config.ids.map((id) => id.split(".")[0]);
    for (const link of this.root.querySelectorAll("a[data-letter]")) {
      const [deadlines, letterSteps] = this.config.letters[link.dataset.letter];
      const offered = deadlines.length ? deadlines.some((id) => limits.includes(id)) : letterSteps.some((id) => steps.includes(id));
      link.hidden = !offered;
      link.search = type ? `?type=${type}` : "";
    }
  }

  // Progress text in the first child, a <progress> bar as the last.
  meter(box, done) {
    box.firstElementChild.textContent = fill(this.strings.progress, done);
    box.lastElementChild.max = Math.max(done.total, 1);
    box.lastElementChild.value = done.done;
    box.hidden = false;
  }

  renderOverall(overall) {
    if (!this.controls) return;
    this.meter(this.$(".rg-progress"), overall);
    // The firm's consultation offer, if the page has one, shows once most tasks are ticked.
    const offer = this.$("[data-rg-most]");
    if (offer) offer.hidden = !overall.total || overall.done < overall.total * offer.dataset.rgMost;
    this.$("#rg-type").value = this.state.type || "";
    this.$("[data-rg-export-link]").value = `${location.origin}${location.pathname}#import=${S.encode(this.state)}`;
    const type = this.state.type ? this.config.types[this.state.type].title : null;
    this.printHeading = type ? fill(this.strings.print_type, { type }) : this.strings.print_no_type;
    this.$("[data-rg-print]").textContent = this.printHeading;
    this.retitle(type);
  }

  // The page names the problem it is tailored to, in its heading and in the tab's title.
  retitle(type) {
    const title = this.$("h1").firstChild; // the heading's text, before its permalink
    this.heading ??= title.nodeValue;
    title.nodeValue = type ? fill(this.strings.title_type, { type }) : this.heading;
    // Material's header holds the site's name, then the page's.
    const [site, page] = [...document.querySelectorAll(".md-header__topic .md-ellipsis")].map((e) => e.textContent.trim());
    const wanted = `${type ? title.nodeValue.trim() : page} - ${site}`;
    if (site && document.title !== wanted) document.title = wanted;
  }

  // Replace progress with an import, asking first when that would overwrite something.
  adopt(incoming) {
    if (!incoming) {
      this.status(this.strings.import_failed);
      return;
    }
    const current = S.serialise(this.state);
    const overwrite = current !== S.serialise(S.emptyState()) && current !== S.serialise(incoming);
    if (overwrite && !window.confirm(this.strings.import_confirm)) return;
    this.state = incoming;
    this.save();
    this.render();
    this.status(fill(this.strings.import_done, { count: incoming.ticked.length }));
  }

  // The printed heading gets the day only when printing: a date format costs a first visit ~30 ms
  // of main thread (the browser loads its locale data), for a line only paper shows.
  datePrintHeading() {
    const line = this.$("[data-rg-print]");
    if (!line || !this.printHeading) return;
    const printed = fill(this.strings.print_date, { date: longDate(this.strings.date_locale) });
    line.textContent = `${this.printHeading} · ${printed}`;
  }

  start() {
    // The boxes and the chooser show what is saved. A page loaded again by Back (not kept whole in
    // the back/forward cache) would get back from the browser what they showed when it was left,
    // over the newer ticks: autocomplete="off" stops that (the attribute is not valid in the HTML).
    for (const field of this.root.querySelectorAll("input[data-check-id], #rg-type")) field.autocomplete = "off";
    datePrintouts(this.strings.print_date, this.strings.date_locale);
    addEventListener("beforeprint", () => this.datePrintHeading());
    this.root.addEventListener("change", (event) => this.onChange(event));
    this.root.addEventListener("click", (event) => this.unfold(event.target.closest(".rg-fold")));
    if (this.controls) this.startControls();
    document.addEventListener("rg-situation", () => active === this && steady(() => this.render()));
    this.render();
    if (!this.saving) this.note(this.strings.storage_off);
  }

  unfold(button) {
    if (!button) return;
    const step = button.closest(".rg-step").dataset.step;
    if (!this.opened.delete(step)) this.opened.add(step);
    this.render();
  }

  onChange(event) {
    const box = event.target;
    if (box.matches("input[type=checkbox][data-check-id]")) {
      const id = box.dataset.checkId;
      const ticked = this.state.ticked.filter((other) => other !== id);
      this.state.ticked = box.checked ? [...ticked, id] : ticked;
      this.remember(box);
    } else if (box.id === "rg-type") {
      const type = this.config.known.types.has(box.value) ? box.value : null;
      this.state.type = type;
      history.replaceState(history.state, "", type ? `?type=${type}` : location.pathname);
    } else if (box.matches("[data-rg-import]") && box.files.length) {
      box.files[0].text().then((text) => this.receive((reader) => reader.readExport(text, this.config.known)));
      box.value = "";
      return;
    } else {
      return;
    }
    this.save();
    steady(() => this.render()); // the box ticked stays under the finger (#22)
  }

  // The case file (#12): a tick remembers its day, and offers a one-tap diary entry.
  // Its module loads on the first tick, so the checklist itself stays small.
  remember(box) {
    const [id, list] = [box.dataset.checkId, box.closest("ul")];
    const task = box.closest("li").querySelector(".rg-checklist__text").textContent;
    import("./diary.js").then((diary) => {
      diary.tickDay(id, box.checked);
      if (box.checked) diary.offer(list, this.strings, fill(this.strings.diary_tick, { task }), id);
      else if (list.nextElementSibling?.dataset.for === id) list.nextElementSibling.remove();
    });
  }

  startControls() {
    this.controls.hidden = false;
    for (const note of this.root.querySelectorAll(".rg-saving-note")) note.hidden = false;
    const wanted = new URLSearchParams(location.search).get("type");
    if (wanted !== null) {
      if (this.config.known.types.has(wanted)) {
        this.state.type = wanted;
        this.save();
      } else {
        this.state.type = null;
        this.note(this.strings.unknown_type);
      }
    }
    this.controls.addEventListener("click", (event) => this.onAction(event));
    active = this;
    // Instant navigation sets the tab's title after this script has run: set ours again.
    const type = () => this.state.type && this.config.types[this.state.type].title;
    new MutationObserver(() => active === this && this.retitle(type())).observe(document.head, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    this.importFromAddress();
  }

  // Read an export link (#import=...), then drop it from the address. The theme may reload the
  // page and restore the fragment, so each link is handled once (`lastImport`).
  importFromAddress() {
    const fragment = location.hash.match(/^#import=(.*)$/);
    if (!fragment) return;
    history.replaceState(history.state, "", location.pathname + location.search);
    if (fragment[1] === lastImport) return;
    lastImport = fragment[1];
    this.receive((reader) => reader.decode(fragment[1], this.config.known));
  }

  // Progress brought from a file or a link: its reader (checklist-import.js) loads on first use.
  receive(read) {
    import("./checklist-import.js").then((reader) => this.adopt(read(reader)), () => this.adopt(null));
  }

  onAction(event) {
    const button = event.target.closest("[data-rg-action]");
    if (!button) return;
    const action = button.dataset.rgAction;
    if (action === "print") window.print();
    if (action === "reset" && window.confirm(this.strings.reset_confirm)) {
      this.state = S.emptyState();
      this.save();
      this.render();
      this.status(this.strings.reset_done);
    }
    if (action === "copy") this.copyLink();
    if (action === "download") this.download();
  }

  copyLink() {
    const field = this.$("[data-rg-export-link]");
    const said = (text) => sayBeside(this.$('[data-rg-action="copy"]'), this.$("[data-rg-said]"), text);
    const fallback = () => {
      field.select();
      said(this.strings.copy_failed);
    };
    if (!navigator.clipboard) return fallback();
    navigator.clipboard.writeText(field.value).then(() => said(this.strings.copied), fallback);
  }

  download() {
    offerFile(new Blob([S.serialise(this.state)], { type: "application/json" }), this.strings.file_name);
  }
}

let active = null; // the checklist with controls on the current page
let lastImport = null;
window.addEventListener("hashchange", () => active && active.importFromAddress());

function init() {
  const root = document.querySelector(".md-content") || document.body;
  const holder = root.querySelector(".rg-checklist-config");
  // The same page again (document$ replays it when this script arrives): keep its checklist.
  if (!holder || !holder.dataset.bound) active = null;
  if (holder && !holder.dataset.bound) {
    holder.dataset.bound = "1";
    try {
      new Checklist(root, readConfig(holder)).start();
    } catch (error) {
      // leave the plain list as it is
    }
  }
  document.documentElement.classList.remove("rg-restoring");
}

// Now (before DOMContentLoaded, so ticks are back before the list shows), then on every page
// that instant navigation brings in.
init();
if (typeof document$ !== "undefined") document$.subscribe(init);

// The arrival on the plan (#22): at the top of /checklist/, the reader's situation in one line, a
// way to change each part, and the urgent action or the first task, in view on a phone.
// A link can carry a whole situation: /checklist/?type=<id>&method=<id>&stage=<id>&country=<id>
// (the type is the checklist's own, as ever). What the link says is saved where nothing is saved
// yet; a saved value it would change is changed only after a question that names each change.
import * as store from "./store.js";
import { boot, fill } from "./util.js";

const PARTS = ["method", "stage", "country"];
const FIRST_STAGE = "not-disputed";

// A likely country from the browser's languages ("es-MX" -> Mexico), else the page's language.
function guess(codes) {
  for (const language of [...(navigator.languages || [navigator.language]), document.documentElement.lang]) {
    const code = (language || "").split("-")[1]?.toUpperCase();
    if (code && Object.hasOwn(codes, code)) return codes[code];
  }
  return "";
}

const choices = (config) => ({ method: config.methods, stage: config.stages, country: config.countries });

function saved(config) {
  const known = choices(config);
  const found = { ...store.read("situation"), country: store.read("report")?.country };
  return Object.fromEntries(PARTS.filter((name) => Object.hasOwn(known[name], found[name] ?? "")).map((name) => [name, found[name]]));
}

function save(parts) {
  const situation = PARTS.slice(0, 2).filter((name) => name in parts);
  const kept = !situation.length || store.edit("situation", (part) => situation.forEach((name) => (part[name] = parts[name])));
  return kept && (!("country" in parts) || store.write("report", parts.country ? { country: parts.country } : null));
}

// The link's parts (known values only), saved where they change nothing, or where the reader agrees.
function adoptLink(config, current) {
  const params = new URLSearchParams(location.search);
  const known = choices(config);
  const link = Object.fromEntries(PARTS.filter((name) => Object.hasOwn(known[name], params.get(name) ?? "")).map((name) => [name, params.get(name)]));
  if (!PARTS.some((name) => params.has(name))) return current;
  const changed = Object.keys(link).filter((name) => current[name] && current[name] !== link[name]);
  const text = config.strings;
  const changes = changed
    .map((name) => fill(text.change, { what: text[`what_${name}`], old: known[name][current[name]], new: known[name][link[name]] }))
    .join("; ");
  const taken = changed.length && !window.confirm(fill(text.confirm, { changes }))
    ? Object.fromEntries(Object.entries(link).filter(([name]) => !current[name]))
    : link;
  save(taken);
  // Done: a reload must not ask again. The type stays in the address, as ?type= always has.
  for (const name of PARTS) params.delete(name);
  const query = params.toString();
  history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
  // The checklist (checklist.js) folds and links for the situation: tell it what was kept.
  document.dispatchEvent(new CustomEvent("rg-situation", { detail: { ...current, ...taken } }));
  return { ...current, ...taken };
}

function start(root, config) {
  const box = root.querySelector("[data-rg-arrival]");
  const form = box.querySelector("[data-rg-arrival-form]");
  const text = config.strings;
  const guessed = guess(config.codes);
  let current = adoptLink(config, saved(config));

  const render = () => {
    const type = root.querySelector("#rg-type")?.value || store.read("checklist")?.type;
    box.hidden = !Object.hasOwn(config.types, type || "");
    if (box.hidden) return;
    const country = current.country
      ? config.countries[current.country]
      : guessed ? fill(text.guessed, { country: config.countries[guessed] }) : text.any;
    box.querySelector("[data-rg-arrival-summary]").textContent = fill(text.summary, {
      type: config.types[type],
      method: current.method ? config.methods[current.method] : text.any,
      stage: config.stages[current.stage || FIRST_STAGE],
      country,
    });
    const urgent = box.querySelector("[data-rg-arrival-urgent]");
    urgent.textContent = config.urgent[type] || "";
    urgent.hidden = !config.urgent[type];
    const next = root.querySelector(".rg-checklist li.is-next:not([hidden])");
    const first = box.querySelector("[data-rg-arrival-first]");
    first.hidden = !next;
    if (next) {
      const link = first.querySelector("a");
      link.textContent = next.querySelector(".rg-checklist__text").textContent;
      link.href = `#${next.closest("[data-step]").dataset.step}`;
    }
    form.elements.method.value = current.method || "unknown";
    form.elements.country.value = current.country || guessed;
    for (const option of form.elements.stage) option.checked = option.value === (current.stage || FIRST_STAGE);
  };

  form.addEventListener("change", (event) => {
    const name = event.target.name;
    if (!PARTS.includes(name)) return;
    current = { ...current, [name]: event.target.value };
    save({ [name]: event.target.value });
    render();
    document.dispatchEvent(new CustomEvent("rg-situation", { detail: { ...current } }));
  });
  // "Do this first" takes the reader to the task itself, its checkbox focused.
  box.querySelector("[data-rg-arrival-task]").addEventListener("click", (event) => {
    const next = root.querySelector(".rg-checklist li.is-next input");
    if (!next) return;
    event.preventDefault();
    next.focus();
  });
  // The checklist marks its next task and its type; follow it.
  new MutationObserver(render).observe(root.querySelector(".rg-checklist")?.closest(".md-content__inner") || root, {
    subtree: true,
    attributes: true,
    attributeFilter: ["class"],
  });
  root.querySelector("#rg-type")?.addEventListener("change", render);
  render();
  // Back may load the page again, with the browser putting back the choices as they were left.
  addEventListener("pageshow", (event) => event.persisted || render());
}

boot(".rg-arrival-config", start);

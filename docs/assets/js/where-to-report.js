// Where to report: a country chooser that puts the chosen country's bodies first. Without this
// script the page lists every country; the chooser stays hidden. Texts come from the page config;
// the chosen country is saved in the one store (its `report` part).
import * as store from "./store.js";
import { boot, fill } from "./util.js";

// A likely country from the browser's languages ("pt-BR" -> the region with code BR), else from the
// page's own language (the pt-BR guide -> Brazil); never from the IP.
function guess(regions) {
  for (const language of [...(navigator.languages || [navigator.language]), document.documentElement.lang]) {
    const code = (language || "").split("-")[1];
    const found = code && regions.find((region) => region.dataset.code === code.toUpperCase());
    if (found) return found.dataset.region;
  }
  return "";
}

function start(root, { strings, not_listed: notListed, any_country: anyCountry }) {
  const box = root.querySelector(".rg-where");
  const list = root.querySelector("[data-rg-regions]");
  const select = box.querySelector("select");
  const status = box.querySelector("[data-rg-where-status]");
  const regions = [...list.querySelectorAll("[data-region]")];

  // The chosen country first, then every other one in the page's order.
  // "My country is not listed" (shared with the calculator and the case file) shows the bodies for any country.
  const show = (id, message) => {
    const wanted = id === notListed ? anyCountry : id;
    const chosen = regions.find((region) => region.dataset.region === wanted);
    list.append(...regions.filter((region) => region !== chosen));
    if (chosen) {
      list.prepend(chosen);
      chosen.open = true;
    }
    select.value = chosen ? id : "";
    status.textContent = chosen ? fill(message, { country: chosen.querySelector("summary").textContent }) : "";
  };

  select.addEventListener("change", () => {
    store.write("report", select.value ? { country: select.value } : null);
    show(select.value, strings.where_chosen);
  });
  box.hidden = false;
  const showSaved = () => {
    const saved = store.read("report")?.country;
    if (saved) show(saved, strings.where_chosen);
    else show(guess(regions), strings.where_guessed);
  };
  showSaved();
  // Back may load the page again, with the browser putting back the choice as it was left.
  addEventListener("pageshow", (event) => event.persisted || showSaved());
}

boot(".rg-where-config", start);

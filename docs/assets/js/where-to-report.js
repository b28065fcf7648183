// Where to report: a country chooser that puts the chosen country's bodies first. Without this
// script the page lists every country; the chooser stays hidden. Texts come from the page config.

// localStorage that never throws (blocked site data, private modes, a full quota).
const attempt = (action) => {
  try {
    return action();
  } catch (error) {
    return null;
  }
};

// "{country} is shown first" + "Brazil" -> "Brazil is shown first".
const fill = (template, country) => template.replace("{country}", country);

// A likely country from the browser's languages ("pt-BR" -> the region with code BR); never from the IP.
function guess(regions) {
  for (const language of navigator.languages || [navigator.language]) {
    const code = (language || "").split("-")[1];
    const found = code && regions.find((region) => region.dataset.code === code.toUpperCase());
    if (found) return found.dataset.region;
  }
  return "";
}

function init() {
  const box = document.querySelector(".rg-where");
  const config = document.querySelector(".rg-where-config");
  const list = document.querySelector("[data-rg-regions]");
  if (!box || !config || !list || box.dataset.rgBound) return;
  box.dataset.rgBound = "1";
  const { key, strings } = JSON.parse(config.dataset.config);
  const select = box.querySelector("select");
  const status = box.querySelector("[data-rg-where-status]");
  const regions = [...list.querySelectorAll("[data-region]")];

  // The chosen country first, then every other one in the page's order.
  const show = (id, message) => {
    const chosen = regions.find((region) => region.dataset.region === id);
    list.append(...regions.filter((region) => region !== chosen));
    if (chosen) {
      list.prepend(chosen);
      chosen.open = true;
    }
    select.value = chosen ? id : "";
    status.textContent = chosen ? fill(message, chosen.querySelector("summary").textContent) : "";
  };

  select.addEventListener("change", () => {
    attempt(() => (select.value ? localStorage.setItem(key, select.value) : localStorage.removeItem(key)));
    show(select.value, strings.where_chosen);
  });
  box.hidden = false;
  const saved = attempt(() => localStorage.getItem(key));
  if (saved) show(saved, strings.where_chosen);
  else show(guess(regions), strings.where_guessed);
}

if (typeof document$ !== "undefined") document$.subscribe(init);
else init();

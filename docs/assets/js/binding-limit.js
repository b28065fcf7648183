// A problem page's first limit (#22): the page shows the limit that binds a reader of this type
// first; for a reader who told the guide their stage, way of paying or country, this shows instead
// the first limit, best route first, that holds for them (the rules come in each choice's data-*,
// written by macros/render.py from data/routes.yml and data/deadlines.yml, as plan() reads them).
import * as store from "./store.js";

const words = (text) => (text || "").split(" ").filter(Boolean);

function init() {
  const box = document.querySelector(".rg-first-limit");
  if (!box || box.dataset.bound) return;
  box.dataset.bound = "1";
  const { stage, method } = store.read("situation") || {};
  const country = store.read("report")?.country;
  if (!stage && !method && !country) return;
  const fits = (choice) => {
    const [methods, where, stages] = ["methods", "where", "stages"].map((name) => words(choice.dataset[name]));
    return (
      (!methods.length || !method || method === box.dataset.unknown || methods.includes(method)) &&
      (!where.length || !country || (country !== box.dataset.notListed && where.includes(country))) &&
      (!stages.length || stages.includes(stage || "not-disputed"))
    );
  };
  const choices = [...box.querySelectorAll(".rg-limit-choice")];
  const chosen = choices.find(fits);
  if (chosen) for (const choice of choices) choice.hidden = choice !== chosen;
}

init();
if (typeof document$ !== "undefined") document$.subscribe(init);

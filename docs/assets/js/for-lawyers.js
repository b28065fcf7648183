// /for-lawyers/: copy a ready link, and narrow the list of problem types as the lawyer types.
// Every word it shows comes from the page's config (data/strings.yml). Without this script the
// links and their addresses are all shown, and can be selected and copied by hand.
import { boot, fill, sayBeside } from "./util.js";

function start(root, config) {
  const words = config.strings;
  const types = [...root.querySelectorAll("[data-rg-kit-type]")];
  const filter = root.querySelector("[data-rg-kit-filter]");
  const input = filter.querySelector("input");
  filter.hidden = false;
  input.addEventListener("input", () => {
    const wanted = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const type of types) {
      type.hidden = !wanted.every((word) => type.dataset.rgKitTerms.includes(word));
      shown += type.hidden ? 0 : 1;
    }
    for (const group of root.querySelectorAll("[data-rg-kit-group]")) {
      group.hidden = !group.querySelector("[data-rg-kit-type]:not([hidden])");
    }
    // A polite status: announced when the reader pauses, never interrupting the typing.
    filter.querySelector("[data-rg-kit-count]").textContent = shown
      ? fill(words.count, { count: shown, total: types.length })
      : words.none;
  });
  // How the client paid (#22): each checklist link then opens the whole plan, and where that way of
  // paying changes the type's plan, its QR code (drawn at build time) and its handout section
  // (handout/<type>/#method-<id>) follow. Elsewhere the type's code hides: it would say less.
  root.querySelector("#rg-kit-method").addEventListener("change", (event) => {
    const method = event.target.value;
    const query = method ? `&method=${method}` : "";
    for (const row of root.querySelectorAll("[data-rg-plan]")) {
      const url = row.dataset.rgPlan + query;
      const link = row.querySelector("a");
      link.href = link.getAttribute("href").split("&")[0] + query;
      row.querySelector("code").textContent = url;
      row.querySelector("[data-rg-copy]").dataset.rgCopy = url;
      const own = row.dataset.rgMethods.split(" ").includes(method);
      const image = row.querySelector("img");
      image.dataset.rgSrc ??= image.getAttribute("src");
      image.src = own ? image.dataset.rgSrc.replace(/\.svg$/, `--${method}.svg`) : image.dataset.rgSrc;
      image.alt = fill(row.dataset.rgAlt, { url });
      image.hidden = Boolean(method) && !own;
    }
    for (const row of root.querySelectorAll("[data-rg-handout]")) {
      const link = row.querySelector("a");
      const own = row.dataset.rgHandout.split(" ").includes(method);
      link.href = link.getAttribute("href").split("#")[0] + (own ? `#method-${method}` : "");
    }
  });
  for (const button of root.querySelectorAll("[data-rg-copy]")) button.hidden = false;
  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-rg-copy]");
    if (!button) return;
    const said = button.closest("[data-rg-kit-type]").querySelector("[data-rg-kit-said]");
    const select = () => {
      getSelection().selectAllChildren(document.getElementById(button.getAttribute("aria-describedby")));
      sayBeside(button, said, words.copy_select);
    };
    if (!navigator.clipboard) return select();
    navigator.clipboard.writeText(button.dataset.rgCopy).then(() => sayBeside(button, said, words.copied), select);
  });
}

boot(".rg-kit-config", start);

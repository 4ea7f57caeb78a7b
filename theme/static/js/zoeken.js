// Site search on /zoeken/: the only script of the site. It loads Pagefind's index (built with
// the site, see sitetools/search_index.py) on the first search and renders plain, accessible
// results. The address holds the search (?q=...&thema=...), so a search can be linked.
const form = document.querySelector("form[role=search]");
const input = form.querySelector("input[name=q]");
const status = document.getElementById("zoekstatus");
const list = document.getElementById("zoekresultaten");
const text = status.dataset; // Dutch strings, from the theme's _strings.html
const FILTERS = ["thema", "rubriek", "jaar"];
const PAGE = 5; // results shown at once: each needs its own fragment (2–4 KB) downloaded

let pagefind = null;
let latest = 0; // number of the newest search; older ones that finish late are dropped

async function engine() {
  if (!pagefind) {
    pagefind = await import(form.dataset.bundle + "pagefind.js");
    await pagefind.options({ baseUrl: form.dataset.root, excerptLength: 24 });
    pagefind.init();
  }
  return pagefind;
}

function chosen() {
  const filters = {};
  for (const name of FILTERS) {
    const value = form.elements[name].value;
    if (value) filters[name] = value;
  }
  return filters;
}

function remember(term, filters) {
  const params = new URLSearchParams();
  if (term) params.set("q", term);
  for (const [name, value] of Object.entries(filters)) params.set(name, value);
  if (form.elements.volgorde.value) params.set("volgorde", form.elements.volgorde.value);
  const query = params.toString();
  history.replaceState(null, "", query ? "?" + query : location.pathname);
}

function restore() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const name of [...FILTERS, "volgorde"]) {
    const select = form.elements[name];
    const value = params.get(name);
    if (value && [...select.options].some((o) => o.value === value || o.text === value)) {
      select.value = value;
    }
  }
}

// Pagefind's excerpt is text with <mark> around the hits. Build it as DOM nodes (text and
// <mark> only, never HTML): an ellipsis where it cuts the text, punctuation outside the marks.
const EDGE = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;
const squash = (s) => s.replace(/\s+/g, " ").trim();

function excerpt(html, content) {
  const template = document.createElement("template");
  template.innerHTML = html; // parsed inert, then only its text and marks are copied
  const p = document.createElement("p");
  p.className = "search-result-excerpt";
  for (const node of template.content.childNodes) {
    if (node.nodeName !== "MARK") {
      p.append(node.textContent);
      continue;
    }
    const [, before, word, after] = node.textContent.match(EDGE);
    const mark = document.createElement("mark");
    mark.textContent = word;
    p.append(before, ...(word ? [mark] : []), after);
  }
  p.normalize();
  const shown = squash(p.textContent);
  const whole = squash(content || "");
  const first = p.firstChild;
  const last = p.lastChild;
  if (first?.nodeType === Node.TEXT_NODE) first.data = first.data.trimStart();
  if (last?.nodeType === Node.TEXT_NODE) last.data = last.data.trimEnd();
  if (shown && !whole.startsWith(shown)) p.prepend("… ");
  if (shown && !whole.endsWith(shown)) p.append(" …");
  return p;
}

function element(tag, className, content) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (content) el.textContent = content;
  return el;
}

function render(data) {
  const item = element("li", "search-result");
  const title = element("h3", "search-result-title");
  const link = element("a", "", data.meta.title);
  link.href = data.url;
  title.append(link);
  const meta = element("p", "search-result-meta");
  const time = element("time", "", data.meta.datum);
  time.dateTime = data.meta.iso;
  meta.append(time);
  const category = (data.filters.rubriek || [])[0];
  if (category) meta.append(` · ${text.category}: ${category}`);
  item.append(title, meta);
  const themes = data.filters.thema || [];
  if (themes.length) {
    item.append(element("p", "search-result-themes", `${text.themes}: ${themes.join(", ")}`));
  }
  item.append(excerpt(data.excerpt, data.content));
  return item;
}

// Append results from..from+PAGE, then a button for the rest; nothing if a newer search started.
async function show(results, from, number) {
  const slice = await Promise.all(results.slice(from, from + PAGE).map((r) => r.data()));
  if (number !== latest) return false;
  if (from === 0) list.replaceChildren();
  for (const data of slice) list.append(render(data));
  const shown = from + slice.length;
  if (shown < results.length) {
    const more = element("button", "search-more", text.more);
    more.type = "button";
    more.addEventListener("click", async () => {
      more.parentElement.remove();
      await show(results, shown, number);
      list.children[shown]?.querySelector("a")?.focus();
    });
    const item = element("li", "search-more-item");
    item.append(more);
    list.append(item);
  }
  return true;
}

async function run() {
  const term = input.value.trim();
  const filters = chosen();
  const number = ++latest;
  remember(term, filters);
  if (!term && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = text.busy;
  let search;
  try {
    const options = { filters };
    if (form.elements.volgorde.value === "nieuwste") options.sort = { datum: "desc" };
    search = await (await engine()).search(term || null, options);
  } catch {
    if (number === latest) status.textContent = text.failed;
    return;
  }
  if (number !== latest) return;
  const count = search.results.length;
  if (!(await show(search.results, 0, number))) return;
  status.textContent = count ? `${count} ${count === 1 ? text.one : text.many}` : text.none;
}

let timer = 0;
function soon() {
  clearTimeout(timer);
  timer = setTimeout(run, 250);
}

input.addEventListener("input", soon);
form.addEventListener("change", (event) => {
  if (event.target !== input) run();
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run();
});
restore();
// The filters are folded on a phone; open on a wide screen, or when the address sets a filter.
const fold = document.getElementById("verfijnen");
const sorted = form.elements.volgorde.value;
if (matchMedia("(min-width: 45rem)").matches || Object.keys(chosen()).length || sorted) {
  fold.open = true;
}
if (location.search) run();

// Only in the live preview (./blog livereload): the index is made after the pages are live.
// Say so while it is being updated, and reload once it is ready (the address keeps the search).
const indexStatus = document.querySelector("[data-status-url]");
async function watchIndex() {
  let waited = false;
  for (;;) {
    let updating = false;
    try {
      const response = await fetch(indexStatus.dataset.statusUrl, { cache: "no-store" });
      updating = response.ok && (await response.json()).bijwerken === true;
    } catch {
      updating = false;
    }
    indexStatus.hidden = !updating;
    if (!updating) {
      if (waited) location.reload();
      return;
    }
    waited = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
if (indexStatus) watchIndex();

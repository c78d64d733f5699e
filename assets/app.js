// lede's page: reads the state from the URL, asks the API, and builds the
// page from the answers. Every value that comes from the index (titles,
// names, snippets, urls) is set as text (textContent, text nodes), never
// as HTML; links are built from ids and this page's own parameters, and an
// article's own url is a link only when it is http(s).
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const PAGE = 10;
  const FACETS = [
    ["outlet", "Outlet"],
    ["author", "Author"],
    ["year", "Year"],
    ["lang", "Language"],
  ];
  const LISTS = ["outlet", "author", "lang"];
  let generation = 0;

  // ---- state <-> URL ----------------------------------------------------

  function readState(search) {
    const p = new URLSearchParams(search);
    return {
      q: (p.get("q") || "").trim(),
      outlet: p.getAll("outlet"),
      author: p.getAll("author"),
      lang: p.getAll("lang"),
      since: p.get("since") || "",
      until: p.get("until") || "",
      sort: p.get("sort") || "",
      offset: Math.max(0, parseInt(p.get("offset") || "0", 10) || 0),
    };
  }

  // The search's parameters, in a fixed order; `paging` adds the offset.
  function params(state, paging) {
    const p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    for (const key of LISTS) for (const v of state[key]) p.append(key, v);
    if (state.since) p.set("since", state.since);
    if (state.until) p.set("until", state.until);
    if (state.sort && state.sort !== "relevance") p.set("sort", state.sort);
    if (paging && state.offset) p.set("offset", String(state.offset));
    return p;
  }

  function searchHref(state) {
    const p = params(state, true).toString();
    return p ? "/?" + p : "/";
  }

  function articleHref(id, state) {
    const p = params(state, true).toString();
    return "/article/" + encodeURIComponent(id) + (p ? "?" + p : "");
  }

  function go(href) {
    history.pushState(null, "", href);
    route();
  }

  function change(state, edit) {
    const next = structuredClone(state);
    edit(next);
    next.offset = 0;
    go(searchHref(next));
  }

  // ---- building DOM from data, as text ----------------------------------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "on") for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  // `text` with the byte ranges [start, end) of UTF-8 `ranges` in <mark>.
  function marked(text, ranges, shift = 0) {
    const out = document.createDocumentFragment();
    const bytes = encoder.encode(text);
    let at = 0;
    for (const [s0, e0] of ranges || []) {
      const s = s0 - shift;
      const e = e0 - shift;
      if (e <= 0 || s >= bytes.length || s < at) continue;
      const from = Math.max(s, 0);
      const to = Math.min(e, bytes.length);
      out.append(decoder.decode(bytes.subarray(at, from)));
      out.append(el("mark", {}, decoder.decode(bytes.subarray(from, to))));
      at = to;
    }
    out.append(decoder.decode(bytes.subarray(at)));
    return out;
  }

  function day(published) {
    return published ? published.slice(0, 10) : "";
  }

  function byline(a) {
    return [a.outlet, (a.authors || []).join(", "), day(a.published)].filter(Boolean).join(" · ");
  }

  function webUrl(url) {
    try {
      const u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch {
      return null;
    }
  }

  function notice(message) {
    const n = $("notice");
    n.textContent = message || "";
    n.hidden = !message;
  }

  // ---- the API ------------------------------------------------------------

  async function api(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = JSON.parse(text).error;
      } catch {}
      const err = new Error(message);
      err.status = response.status;
      throw err;
    }
    const warnings = response.headers.get("lede-warning");
    return { text, warnings: warnings ? warnings.split(", ").map(decodeWarning) : [] };
  }

  function decodeWarning(w) {
    try {
      return decodeURIComponent(w.replace(/\+/g, " "));
    } catch {
      return w;
    }
  }

  const records = (text) => text.split("\n").filter(Boolean).map((l) => JSON.parse(l));

  // ---- the search view ----------------------------------------------------

  async function showSearch(state, mine) {
    $("search-view").hidden = false;
    $("article-view").hidden = true;
    $("q").value = state.q;
    $("sort").value = state.sort || "relevance";
    $("since").value = state.since;
    $("until").value = state.until;
    document.title = state.q ? state.q + " – lede" : "lede";
    renderActive(state);
    if (!state.q) return showLanding(mine);
    const by = period(state);
    const search = params(state, true);
    search.set("facets", "outlet,author,year,lang");
    search.set("limit", String(PAGE));
    const line = params(state, false);
    line.delete("sort");
    line.set("by", by === "year" ? "month" : by);
    let answer, timeline;
    try {
      [answer, timeline] = await Promise.all([
        api("/api/search?" + search),
        api("/api/timeline?" + line),
      ]);
    } catch (err) {
      if (mine !== generation) return;
      notice(err.message);
      clearResults();
      return;
    }
    if (mine !== generation) return;
    notice(answer.warnings.length ? "Ignored in your query: " + answer.warnings.join("; ") : "");
    const rs = records(answer.text);
    const hits = rs.filter((r) => r.type === "hit").map((r) => r.data);
    const facets = (rs.find((r) => r.type === "facets") || { data: [] }).data;
    const summary = rs.find((r) => r.type === "summary").data;
    const tl = records(timeline.text).find((r) => r.type === "timeline").data;
    const focused = document.activeElement && document.activeElement.dataset.key;
    renderFacets(state, facets);
    renderTimeline(state, tl, by);
    renderHits(state, hits, summary);
    if (focused) {
      const again = document.querySelector(`[data-key="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
  }

  function clearResults() {
    $("hits").replaceChildren();
    $("facets").replaceChildren();
    $("pager").replaceChildren();
    $("summary").hidden = true;
    $("timeline").hidden = true;
    $("landing").hidden = true;
  }

  async function showLanding(mine) {
    clearResults();
    notice("");
    let stats;
    try {
      stats = JSON.parse((await api("/api/stats")).text);
    } catch (err) {
      if (mine === generation) notice(err.message);
      return;
    }
    if (mine !== generation) return;
    const range = stats.first_published
      ? `, published ${stats.first_published} to ${stats.last_published}`
      : "";
    const landing = $("landing");
    landing.textContent = `${stats.articles.toLocaleString("en")} articles${range}. Search them above.`;
    landing.hidden = false;
  }

  function renderActive(state) {
    const chips = [];
    const chip = (label, edit, key) =>
      el("span", { class: "chip" }, label,
        el("button", {
          type: "button", "aria-label": "Remove filter " + label, "data-key": "x-" + key,
          on: { click: () => change(state, edit) },
        }, "×"));
    for (const key of LISTS) {
      for (const v of state[key]) {
        chips.push(chip(`${key}: ${v}`, (s) => (s[key] = s[key].filter((x) => x !== v)), key + "=" + v));
      }
    }
    if (state.since || state.until) {
      const label = `published: ${state.since || "…"} to ${state.until || "…"}`;
      chips.push(chip(label, (s) => { s.since = ""; s.until = ""; }, "dates"));
    }
    if (chips.length > 1) {
      chips.push(el("button", {
        type: "button",
        on: { click: () => change(state, (s) => { for (const k of LISTS) s[k] = []; s.since = ""; s.until = ""; }) },
      }, "Clear all"));
    }
    $("active").replaceChildren(...chips);
  }

  function renderFacets(state, facets) {
    const sections = [];
    for (const [name, label] of FACETS) {
      const facet = facets.find((f) => f.facet === name);
      if (!facet || !facet.values.length) continue;
      const items = facet.values.map(({ value, count }) => {
        const on = name === "year"
          ? state.since === value && state.until === value
          : state[name].includes(value);
        const edit = (s) => {
          if (name === "year") {
            s.since = on ? "" : value;
            s.until = on ? "" : value;
          } else {
            s[name] = on ? s[name].filter((x) => x !== value) : [...s[name], value];
          }
        };
        return el("li", {},
          el("button", {
            type: "button", "aria-pressed": on ? "true" : "false", "data-key": name + "=" + value,
            on: { click: () => change(state, edit) },
          },
          el("span", { class: "name" }, value),
          el("span", { class: "n" }, count.toLocaleString("en"))));
      });
      sections.push(el("section", {}, el("h2", {}, label), el("ul", {}, ...items)));
    }
    $("facets").replaceChildren(...sections);
  }

  function renderHits(state, hits, summary) {
    const from = summary.offset + 1;
    const to = summary.offset + hits.length;
    const noun = summary.total === 1 ? "article" : "articles";
    $("count").textContent = summary.total === 0
      ? "No matching articles."
      : `${summary.total.toLocaleString("en")} matching ${noun}` +
        (hits.length ? `, showing ${from}–${to}` : ", none on this page");
    $("summary").hidden = false;
    $("landing").hidden = true;
    const csv = params(state, false);
    csv.set("all", "true");
    $("csv").href = "/api/search.csv?" + csv;
    $("hits").replaceChildren(...hits.map((hit) => renderHit(state, hit)));
    const pager = [];
    if (summary.offset > 0) {
      const prev = { ...state, offset: Math.max(0, summary.offset - PAGE) };
      pager.push(el("a", { href: searchHref(prev), "data-nav": true, rel: "prev" }, "← Previous"));
    }
    const pages = Math.ceil(summary.total / PAGE);
    if (pages > 1) pager.push(el("span", {}, `page ${Math.floor(summary.offset / PAGE) + 1} of ${pages}`));
    if (to < summary.total && hits.length) {
      const next = { ...state, offset: summary.offset + PAGE };
      pager.push(el("a", { href: searchHref(next), "data-nav": true, rel: "next" }, "Next →"));
    }
    $("pager").replaceChildren(...pager);
  }

  function renderHit(state, hit) {
    const title = hit.title
      ? marked(hit.title, hit.title_highlights)
      : "(untitled)";
    const item = el("li", { class: "hit" },
      el("h3", {}, el("a", { href: articleHref(hit.id, state), "data-nav": true }, title)),
      el("p", { class: "meta" }, byline(hit)));
    for (const s of hit.snippets) {
      item.append(el("p", { class: "snippet" }, "…", marked(s.text, s.highlights), "…"));
    }
    if (hit.duplicates.length) {
      const also = el("p", { class: "also" }, "also in: ");
      hit.duplicates.slice(0, 3).forEach((d, i) => {
        if (i) also.append(", ");
        also.append(el("a", { href: articleHref(d.id, state), "data-nav": true }, d.outlet || "another copy"));
      });
      if (hit.duplicates.length > 3) also.append(` (+${hit.duplicates.length - 3})`);
      item.append(also);
    }
    return item;
  }

  // ---- the timeline -------------------------------------------------------

  // Days, weeks or months, by how long the chosen range is.
  function period(state) {
    const start = specDate(state.since, false);
    const end = specDate(state.until, true);
    if (start && end) {
      const days = (end - start) / 864e5;
      if (days <= 92) return "day";
      if (days <= 730) return "week";
    }
    return "month";
  }

  function specDate(spec, end) {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(spec || "");
    if (!m) return null;
    const [y, mo, d] = [+m[1], m[2] ? +m[2] - 1 : null, m[3] ? +m[3] : null];
    if (!end) return Date.UTC(y, mo ?? 0, d ?? 1);
    if (d !== null) return Date.UTC(y, mo, d + 1);
    if (mo !== null) return Date.UTC(y, mo + 1, 1);
    return Date.UTC(y + 1, 0, 1);
  }

  function renderTimeline(state, tl, by) {
    let buckets = tl.buckets;
    if (by === "month" && buckets.length > 180) {
      by = "year";
      const years = new Map();
      for (const b of buckets) {
        const y = b.start.slice(0, 4);
        years.set(y, (years.get(y) || 0) + b.count);
      }
      buckets = [...years].map(([y, count]) => ({ start: y + "-01-01", count }));
    }
    const section = $("timeline");
    section.hidden = buckets.length === 0;
    if (!buckets.length) return;
    const label = (b) => ({ year: b.start.slice(0, 4), month: b.start.slice(0, 7) })[by] || b.start;
    const max = Math.max(...buckets.map((b) => b.count));
    const chart = $("chart");
    const bars = buckets.map((b) =>
      el("div", {
        class: b.count ? "bar" : "bar empty",
        style: null,
        title: `${label(b)}: ${b.count} ${b.count === 1 ? "article" : "articles"}`,
      }));
    bars.forEach((bar, i) => (bar.style.height = Math.max(2, (buckets[i].count / max) * 100) + "%"));
    chart.replaceChildren(...bars);
    chart.setAttribute("role", "img");
    chart.setAttribute("aria-label",
      `Matching articles per ${by}, ${label(buckets[0])} to ${label(buckets[buckets.length - 1])}` +
      (tl.undated ? `, and ${tl.undated} without a date` : "") +
      ". Drag across it to choose dates, or use the From and to fields.");
    const undated = tl.undated ? ` · ${tl.undated} undated` : "";
    $("chart-axis").replaceChildren(
      el("span", {}, label(buckets[0])),
      el("span", {}, `per ${by}${undated}`),
      el("span", {}, label(buckets[buckets.length - 1])));
    chart.dataset.by = by;
    chart._buckets = buckets;
    chart._state = state;
  }

  // The last day of the bucket starting at `start` (YYYY-MM-DD).
  function weekEnd(start) {
    const d = new Date(start + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 6);
    return d.toISOString().slice(0, 10);
  }

  function selectRange(chart, a, b) {
    const buckets = chart._buckets;
    const [i, j] = a <= b ? [a, b] : [b, a];
    const by = chart.dataset.by;
    const first = buckets[i].start;
    const last = buckets[j].start;
    const since = by === "year" ? first.slice(0, 4) : by === "month" ? first.slice(0, 7) : first;
    const until = by === "year" ? last.slice(0, 4) : by === "month" ? last.slice(0, 7)
      : by === "week" ? weekEnd(last) : last;
    change(chart._state, (s) => { s.since = since; s.until = until; });
  }

  function setupChart() {
    const chart = $("chart");
    let start = null;
    const index = (ev) => {
      const r = chart.getBoundingClientRect();
      const n = chart._buckets.length;
      return Math.min(n - 1, Math.max(0, Math.floor(((ev.clientX - r.left) / r.width) * n)));
    };
    const mark = (a, b) => {
      const [i, j] = a <= b ? [a, b] : [b, a];
      [...chart.children].forEach((bar, k) => bar.classList.toggle("sel", k >= i && k <= j));
    };
    chart.addEventListener("pointerdown", (ev) => {
      if (!chart._buckets || ev.button !== 0) return;
      start = index(ev);
      chart.setPointerCapture(ev.pointerId);
      mark(start, start);
    });
    chart.addEventListener("pointermove", (ev) => {
      if (start !== null) mark(start, index(ev));
    });
    chart.addEventListener("pointerup", (ev) => {
      if (start === null) return;
      const end = index(ev);
      const from = start;
      start = null;
      selectRange(chart, from, end);
    });
    chart.addEventListener("pointercancel", () => {
      start = null;
      mark(-1, -2);
    });
  }

  // ---- the article view ---------------------------------------------------

  async function showArticle(id, state, mine) {
    $("search-view").hidden = true;
    const view = $("article-view");
    view.hidden = false;
    $("q").value = state.q;
    const back = el("p", {},
      el("a", { href: searchHref(state), "data-nav": true },
        state.q ? `← Results for “${state.q}”` : "← Search"));
    const p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    let data;
    try {
      const answer = await api(`/api/article/${encodeURIComponent(id)}/view?${p}`);
      data = JSON.parse(answer.text);
    } catch (err) {
      if (mine !== generation) return;
      notice(err.message);
      view.replaceChildren(back);
      return;
    }
    if (mine !== generation) return;
    notice("");
    const a = data.article;
    document.title = (a.title || "(untitled)") + " – lede";
    const parts = [back, el("h1", {}, a.title ? marked(a.title, data.title_highlights) : "(untitled)")];
    parts.push(el("p", { class: "meta" }, byline(a)));
    if (a.dek) parts.push(el("p", { class: "dek" }, marked(a.dek, data.dek_highlights)));
    const body = el("div", { class: "body" });
    let offset = 0;
    for (const para of a.body.split("\n\n")) {
      const size = encoder.encode(para).length;
      if (para.trim()) body.append(el("p", {}, marked(para, data.body_highlights, offset)));
      offset += size + 2;
    }
    parts.push(body);
    const url = a.url && webUrl(a.url);
    const facts = el("dl", {},
      el("dt", {}, "original"),
      el("dd", {}, url ? el("a", { href: url, rel: "noopener noreferrer nofollow" }, a.url) : (a.url || "—")),
      el("dt", {}, "file"), el("dd", {}, a.path),
      el("dt", {}, "language"), el("dd", {}, a.lang || "—"),
      el("dt", {}, "id"), el("dd", {}, a.id));
    parts.push(facts);
    if (data.duplicates.length) {
      parts.push(el("section", { "aria-label": "Other copies" },
        el("h2", {}, "The same story elsewhere"),
        el("ul", {}, ...data.duplicates.map((d) =>
          el("li", {}, el("a", { href: articleHref(d.id, state), "data-nav": true }, d.outlet || d.id))))));
    }
    view.replaceChildren(...parts);
  }

  // ---- routing ------------------------------------------------------------

  // Shows the page for the URL; `main` is aria-busy until it is drawn,
  // and then names the URL it shows (`data-shown`).
  async function route() {
    const mine = ++generation;
    const main = $("main");
    const shown = location.pathname + location.search;
    main.setAttribute("aria-busy", "true");
    const state = readState(location.search);
    const path = location.pathname;
    if (path.startsWith("/article/")) {
      let id;
      try {
        id = decodeURIComponent(path.slice("/article/".length));
      } catch {
        id = path.slice("/article/".length);
      }
      await showArticle(id, state, mine);
    } else {
      await showSearch(state, mine);
    }
    if (mine === generation) {
      main.setAttribute("aria-busy", "false");
      main.dataset.shown = shown;
    }
  }

  function setup() {
    $("search-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const state = readState(location.pathname === "/" ? location.search : "");
      change(state, (s) => (s.q = $("q").value.trim()));
    });
    $("range-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      change(readState(location.search), (s) => {
        s.since = $("since").value.trim();
        s.until = $("until").value.trim();
      });
    });
    $("sort").addEventListener("change", () => {
      change(readState(location.search), (s) => (s.sort = $("sort").value));
    });
    $("syntax-toggle").addEventListener("click", () => {
      const box = $("syntax");
      box.hidden = !box.hidden;
      $("syntax-toggle").setAttribute("aria-expanded", String(!box.hidden));
    });
    document.addEventListener("click", (ev) => {
      const a = ev.target.closest && ev.target.closest("a[data-nav]");
      if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      go(a.getAttribute("href"));
      if (a.closest("#hits, #pager, #article-view, .top")) {
        window.scrollTo(0, 0);
        $("main").focus({ preventScroll: true });
      }
    });
    document.addEventListener("keydown", (ev) => {
      const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
      if (ev.key === "/" && !typing) {
        ev.preventDefault();
        $("q").focus();
        $("q").select();
      }
    });
    window.addEventListener("popstate", route);
    setupChart();
    route();
  }

  setup();
})();

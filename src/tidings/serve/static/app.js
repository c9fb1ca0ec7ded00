// tidings dashboard: plain JavaScript and SVG, no external libraries, works offline.
"use strict";

const PAGE = 25;
const QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
const QUAD_COLOURS = ["var(--q1)", "var(--q2)", "var(--q3)", "var(--q4)"];
const SVG = "http://www.w3.org/2000/svg";
const state = { offset: 0 };

const $ = (selector) => document.querySelector(selector);

// -- helpers -------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:")
    ? document.createElementNS(SVG, tag.slice(4))
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key === "text") node.textContent = value;
    else if (key === "class") node.setAttribute("class", value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    for (const item of [].concat(value)) {
      if (item !== "" && item !== null && item !== undefined) url.searchParams.append(key, item);
    }
  }
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    throw new Error(`${response.status}: ${detail}`);
  }
  return body;
}

function showError(err) {
  const box = $("#error");
  box.textContent = String(err.message || err);
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 6000);
}

function filters() {
  const params = {};
  for (const [key, value] of new FormData($("#filters"))) {
    if (value.trim() !== "") params[key] = value.trim();
  }
  return params;
}

function goldsteinColour(value) {
  // diverging red (-10) - grey (0) - green (+10)
  const t = Math.max(-1, Math.min(1, (value || 0) / 10));
  const grey = [187, 187, 187];
  const end = t < 0 ? [215, 48, 39] : [26, 152, 80];
  const mix = grey.map((g, i) => Math.round(g + (end[i] - g) * Math.abs(t)));
  return `rgb(${mix.join(",")})`;
}

function actorList(participants) {
  return participants.map((p) => p.code || p.text).join(" + ") || "—";
}

// -- overview: timeline ----------------------------------------------------------------------

// Every month from the first to the last, months without events as empty rows, so that the
// axis is continuous (2017-03 is not drawn next to 2017-09).
function continuousMonths(rows) {
  if (!rows.length) return rows;
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const [firstYear, firstMonth] = rows[0].month.split("-").map(Number);
  const [lastYear, lastMonth] = rows[rows.length - 1].month.split("-").map(Number);
  const out = [];
  for (let y = firstYear, m = firstMonth; y < lastYear || (y === lastYear && m <= lastMonth);) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    out.push(byMonth.get(month) || { month, goldstein: 0, count: 0, ...Object.fromEntries(QUADS.map((q) => [q, 0])) });
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

async function drawTimeline() {
  const data = await api("/aggregates", {
    ...filters(), by: "month", measures: [...QUADS, "goldstein", "count"],
  });
  const box = $("#timeline");
  box.replaceChildren();
  const rows = continuousMonths(data.items.filter((r) => r.month));
  if (!rows.length) { box.append(el("p", { class: "muted", text: "No events match." })); return; }
  const width = 560, height = 240, left = 36, right = 12, top = 12, bottom = 30;
  const mid = top + (height - top - bottom) / 2;
  const coop = rows.map((r) => r.verbal_cooperation + r.material_cooperation);
  const conf = rows.map((r) => r.verbal_conflict + r.material_conflict);
  const peak = Math.max(1, ...coop, ...conf);
  const scale = (height - top - bottom) / 2 / peak;
  const step = (width - left - right) / rows.length;
  const svg = el("svg:svg", {
    viewBox: `0 0 ${width} ${height}`, id: "timeline-svg", "data-months": rows.map((r) => r.month).join(" "),
  });
  svg.append(el("svg:line", { class: "axis", x1: left, x2: width - right, y1: mid, y2: mid }));
  svg.append(el("svg:text", { x: 2, y: top + 8, text: `+${peak}` }));
  svg.append(el("svg:text", { x: 2, y: height - bottom, text: `−${peak}` }));
  rows.forEach((row, i) => {
    const w = Math.min(step * 0.7, 48), x = left + i * step + (step - w) / 2;
    let up = mid, down = mid;
    QUADS.forEach((quad, q) => {
      const h = row[quad] * scale;
      if (!h) return;
      const y = q < 2 ? (up -= h) : down;
      if (q >= 2) down += h;
      svg.append(el("svg:rect", {
        x, y, width: w, height: h, fill: QUAD_COLOURS[q], class: `bar q${q + 1}`,
      }, el("svg:title", { text: `${row.month}: ${row[quad]} ${quad.replace("_", " ")}` })));
    });
    if (rows.length <= 24 || i % Math.ceil(rows.length / 12) === 0) {
      svg.append(el("svg:text", {
        x: x + w / 2, y: height - 10, "text-anchor": "middle", text: row.month,
      }));
    }
  });
  const gpeak = Math.max(1, ...rows.map((r) => Math.abs(r.goldstein || 0)));
  const points = rows.map((r, i) => {
    const x = left + (i + 0.5) * step;
    const y = mid - ((r.goldstein || 0) / gpeak) * ((height - top - bottom) / 2);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  svg.append(el("svg:polyline", {
    points: points.join(" "), fill: "none", stroke: "#111", "stroke-width": 2,
  }, el("svg:title", { text: "Goldstein sum per month (scaled)" })));
  box.append(svg);
}

// -- overview: network -----------------------------------------------------------------------

async function drawNetwork() {
  const level = $("#network-level").value;
  const data = await api("/dyads", { ...filters(), level, limit: 300 });
  const box = $("#network");
  box.replaceChildren();
  const edges = data.items.filter((d) => d.source && d.target && d.source !== d.target);
  if (!edges.length) {
    box.append(el("p", { class: "muted", text: "No dyads (events with a source and a target) match." }));
    return;
  }
  const weight = new Map();
  for (const e of edges) {
    weight.set(e.source, (weight.get(e.source) || 0) + e.count);
    weight.set(e.target, (weight.get(e.target) || 0) + e.count);
  }
  const nodes = [...weight.keys()].sort((a, b) => weight.get(b) - weight.get(a) || a.localeCompare(b));
  const size = 420, centre = size / 2, ring = nodes.length > 1 ? size / 2 - 60 : 0;
  const pos = new Map(nodes.map((name, i) => {
    const angle = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    return [name, [centre + ring * Math.cos(angle), centre + ring * Math.sin(angle)]];
  }));
  const most = Math.max(...edges.map((e) => e.count));
  const heaviest = Math.max(...weight.values());
  const radius = new Map(nodes.map((n) => [n, 8 + 10 * Math.sqrt(weight.get(n) / heaviest)]));
  const svg = el("svg:svg", { viewBox: `0 0 ${size} ${size}`, id: "network-svg" });
  const defs = el("svg:defs");
  svg.append(defs);
  edges.forEach((e, i) => {
    const [x1, y1] = pos.get(e.source), [x2, y2] = pos.get(e.target);
    const colour = goldsteinColour(e.goldstein_mean);
    const marker = `arrow-${i}`;
    defs.append(el("svg:marker", {
      id: marker, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 10, markerHeight: 10,
      markerUnits: "userSpaceOnUse", orient: "auto",
    }, el("svg:path", { d: "M 0 0 L 10 5 L 0 10 z", fill: colour })));
    // bend so that A->B and B->A do not overlap; stop at the target's rim so the arrow shows
    const mx = (x1 + x2) / 2 + (y2 - y1) * 0.12, my = (y1 + y2) / 2 - (x2 - x1) * 0.12;
    const dx = mx - x2, dy = my - y2, d = Math.hypot(dx, dy) || 1;
    const gap = radius.get(e.target) + 2;
    const ex = x2 + (dx / d) * gap, ey = y2 + (dy / d) * gap;
    svg.append(el("svg:path", {
      class: "edge", d: `M ${x1} ${y1} Q ${mx} ${my} ${ex} ${ey}`, stroke: colour,
      "stroke-width": 1.5 + 6 * Math.sqrt(e.count / most), "marker-end": `url(#${marker})`,
      "data-source": e.source, "data-target": e.target,
      onclick: () => filterDyad(e.source, e.target),
    }, el("svg:title", {
      text: `${e.source} → ${e.target}: ${e.count} events, mean Goldstein ${e.goldstein_mean}`,
    })));
  });
  for (const name of nodes) {
    const [x, y] = pos.get(name);
    const r = radius.get(name);
    svg.append(el("svg:g", { class: "node", "data-actor": name },
      el("svg:circle", { cx: x, cy: y, r }),
      el("svg:text", { x, y: y - r - 4, "text-anchor": "middle", text: name }),
      el("svg:title", { text: `${name}: ${weight.get(name)} events` })));
  }
  box.append(svg);
}

function filterDyad(source, target) {
  const form = $("#filters");
  form.elements.source.value = source;
  form.elements.target.value = target;
  form.elements.actor.value = "";
  refresh();
}

// -- overview: map -----------------------------------------------------------------------------

let worldOutline = null;  // the shipped Natural Earth outline, read once

async function drawMap() {
  if (!worldOutline) worldOutline = await (await fetch("world.json")).json();
  const data = await api("/places", { ...filters(), limit: 1000 });
  const box = $("#map");
  box.replaceChildren();
  // plate carree: x = longitude, y = -latitude
  const svg = el("svg:svg", { viewBox: worldOutline.viewBox, id: "map-svg", preserveAspectRatio: "xMidYMid meet" });
  svg.append(el("svg:rect", { class: "sea", x: -180, y: -90, width: 360, height: 180 }));
  svg.append(el("svg:path", { class: "land", d: worldOutline.path }));
  const most = Math.max(1, ...data.items.map((p) => p.count));
  for (const place of data.items) {
    svg.append(el("svg:circle", {
      class: "place", cx: place.longitude, cy: -place.latitude,
      r: 1.2 + 5 * Math.sqrt(place.count / most), fill: goldsteinColour(place.goldstein_mean),
      "data-place": place.name, "data-count": place.count,
    }, el("svg:title", {
      text: `${place.name} (${place.country || "?"}): ${place.count} events, mean Goldstein ${place.goldstein_mean ?? "–"}`,
    })));
  }
  box.append(svg);
  $("#map-count").textContent = data.items.length
    ? `(${data.items.length} place${data.items.length === 1 ? "" : "s"})` : "(no places)";
}

// -- overview: events table ------------------------------------------------------------------

async function drawEvents() {
  const data = await api("/events", { ...filters(), limit: PAGE, offset: state.offset });
  const body = $("#events tbody");
  body.replaceChildren();
  for (const e of data.items) {
    const link = `#/article/${encodeURIComponent(e.article_id)}?event=${encodeURIComponent(e.id)}`;
    body.append(el("tr", { "data-event": e.id, "data-article": e.article_id },
      el("td", { text: e.day || e.date || "" }),
      el("td", { text: actorList(e.sources), title: e.sources.map((p) => p.name).join(", ") }),
      el("td", { class: "type", text: e.type }),
      el("td", { text: actorList(e.targets), title: e.targets.map((p) => p.name).join(", ") }),
      el("td", { class: `fact-${e.factuality}`, text: e.factuality }),
      el("td", { text: e.cameo }),
      el("td", { text: e.goldstein ?? "" }),
      el("td", { text: e.quad_class ?? "" }),
      el("td", { class: "sentence" },
        el("a", { href: link, class: "evidence", text: `“${e.trigger_text}”` }),
        ` ${e.sentence_text.length > 90 ? e.sentence_text.slice(0, 87) + "…" : e.sentence_text}`),
    ));
  }
  const last = Math.min(state.offset + PAGE, data.total);
  $("#events-count").textContent = `(${data.total})`;
  $("#page-info").textContent = data.total ? `${state.offset + 1}–${last} of ${data.total}` : "none";
  $("#prev").disabled = state.offset === 0;
  $("#next").disabled = last >= data.total;
}

async function refresh(resetPage = true) {
  if (resetPage) state.offset = 0;
  try {
    await Promise.all([drawTimeline(), drawNetwork(), drawMap(), drawEvents()]);
    document.body.dataset.ready = "overview";
  } catch (err) { showError(err); }
}

// -- article view ----------------------------------------------------------------------------

function annotationSpans(article) {
  const spans = [];
  const add = (start, end, cls, label, extra = {}) => {
    if (start === null || start === undefined || end <= start) return;
    spans.push({ start, end, cls, label, ...extra });
  };
  for (const m of article.mentions) {
    const actor = m.actor;
    add(m.start, m.end, "ent", actor ? actor.country ? `${actor.country}${actor.sector || ""}` : actor.kind : m.kind, {
      title: actor ? `${actor.name}${actor.role ? ", " + actor.role : ""} (${m.kind})${m.why ? " — " + m.why : ""}` : m.kind,
      data: { mention: m.id },
    });
  }
  for (const t of article.timexes) add(t.start, t.end, "timex", t.value || t.type, { title: `${t.type} ${t.value}` });
  for (const q of article.quotes) {
    add(q.start, q.end, "quote", `quote ${q.kind}`, { data: { quote: q.id } });
    if (q.speaker) {
      const who = q.speaker_actor ? q.speaker_actor.name : q.speaker.text;
      add(q.speaker.start, q.speaker.end, "speaker", "speaker", { title: `speaker: ${who}`, data: { quote: q.id } });
    }
    if (q.cue) add(q.cue.start, q.cue.end, "cue", null, { data: { quote: q.id } });
  }
  for (const e of article.events) {
    add(e.trigger.start, e.trigger.end, "trigger", e.type, { title: `${e.type} (CAMEO ${e.cameo})`, data: { event: e.id } });
  }
  return spans;
}

// Nest spans into a tree of marks; a span crossing its parent's end is split at that point
// (the label goes on the last piece), so overlapping annotations still render as nested marks.
function nestSpans(length, spans) {
  const order = (a, b) => a.start - b.start || b.end - a.end;
  const queue = spans.map((s) => ({ ...s, children: [] })).sort(order);
  const root = { start: 0, end: length, children: [] };
  const stack = [root];
  while (queue.length) {
    const span = queue.shift();
    while (stack.length > 1 && span.start >= stack[stack.length - 1].end) stack.pop();
    const parent = stack[stack.length - 1];
    if (span.end > parent.end) {
      const rest = { ...span, start: parent.end, children: [] };
      span.end = parent.end;
      span.label = null;
      const at = queue.findIndex((s) => order(rest, s) < 0);
      queue.splice(at < 0 ? queue.length : at, 0, rest);
    }
    parent.children.push(span);
    stack.push(span);
  }
  return root;
}

function renderNode(text, node, excluded) {
  const parts = [];
  let pos = node.start;
  const plain = (from, to) => {
    // grey out excluded stretches (title, boilerplate) inside plain text
    let at = from;
    for (const ex of excluded) {
      if (ex.end <= at || ex.start >= to) continue;
      if (ex.start > at) parts.push(document.createTextNode(text.slice(at, ex.start)));
      const stop = Math.min(ex.end, to);
      parts.push(el("span", { class: "excluded", text: text.slice(Math.max(ex.start, at), stop) }));
      at = stop;
    }
    if (at < to) parts.push(document.createTextNode(text.slice(at, to)));
  };
  for (const child of node.children) {
    plain(pos, child.start);
    const mark = el("mark", { class: child.cls, title: child.title || null, "data-start": child.start, "data-end": child.end });
    for (const [key, value] of Object.entries(child.data || {})) mark.dataset[key] = value;
    mark.append(...renderNode(text, child, excluded));
    if (child.label) mark.append(el("span", { class: "label", text: child.label }));
    parts.push(mark);
    pos = child.end;
  }
  plain(pos, node.end);
  return parts;
}

function field(dl, name, value) {
  if (value === null || value === undefined || value === "") return;
  dl.append(el("dt", { text: name }), el("dd", { text: String(value) }));
}

function selectEvent(article, eventId, scroll) {
  document.querySelectorAll("mark.selected, mark.participant, .cards li.selected")
    .forEach((n) => n.classList.remove("selected", "participant"));
  const event = article.events.find((e) => e.id === eventId);
  if (!event) return;
  const trigger = document.querySelector(`mark.trigger[data-event="${CSS.escape(eventId)}"]`);
  if (trigger) {
    trigger.classList.add("selected");
    if (scroll) trigger.scrollIntoView({ block: "center" });
  }
  for (const p of [...event.sources, ...event.targets]) {
    document.querySelectorAll(`mark.ent[data-start="${p.start}"][data-end="${p.end}"]`)
      .forEach((n) => n.classList.add("participant"));
  }
  const card = document.querySelector(`#article-events li[data-event="${CSS.escape(eventId)}"]`);
  if (card) card.classList.add("selected");
}

async function showArticle(articleId, eventId) {
  const article = await api(`/articles/${encodeURIComponent(articleId)}`);
  $("#article-title").textContent = article.title || "(untitled)";
  $("#article-meta").textContent = [
    article.outlet, article.published, article.dateline_place, article.source, `id ${article.id}`,
  ].filter(Boolean).join(" · ");
  const tree = nestSpans(article.text.length, annotationSpans(article));
  $("#article-text").replaceChildren(...renderNode(article.text, tree, article.excluded));

  const events = $("#article-events");
  events.replaceChildren();
  for (const e of article.events) {
    const dl = el("dl");
    field(dl, "trigger", `“${e.trigger.text}” @${e.trigger.start}–${e.trigger.end}`);
    field(dl, "source", e.sources.map((p) => `${p.actor ? p.actor.name : p.text} (${p.actor ? p.actor.country || "?" : "?"}${p.actor && p.actor.sector ? p.actor.sector : ""})`).join(", ") || "—");
    field(dl, "target", e.targets.map((p) => `${p.actor ? p.actor.name : p.text} (${p.actor ? p.actor.country || "?" : "?"}${p.actor && p.actor.sector ? p.actor.sector : ""})`).join(", ") || "—");
    field(dl, "CAMEO", e.cameo);
    field(dl, "Goldstein", e.goldstein);
    field(dl, "quad class", e.quad_class);
    field(dl, "factuality", e.factuality);
    field(dl, "mode", e.mode);
    field(dl, "context", e.context);
    field(dl, "date", e.date ? `${e.date} (${e.date_source})` : null);
    field(dl, "confidence", e.confidence);
    field(dl, "in quote", e.quote_id);
    events.append(el("li", {
      "data-event": e.id, onclick: () => selectEvent(article, e.id, true),
    }, el("strong", { text: e.type }), ` ${e.id}`, dl));
  }
  if (!article.events.length) events.append(el("li", { class: "muted", text: "none" }));

  const quotes = $("#article-quotes");
  quotes.replaceChildren();
  for (const q of article.quotes) {
    const who = q.speaker_actor ? q.speaker_actor.name : q.speaker ? q.speaker.text : "unattributed";
    quotes.append(el("li", { "data-quote": q.id },
      el("strong", { class: "quote-speaker", text: who }), ` (${q.kind}): `,
      el("q", { text: q.text })));
  }
  if (!article.quotes.length) quotes.append(el("li", { class: "muted", text: "none" }));
  if (eventId) selectEvent(article, eventId, true);
  document.body.dataset.ready = "article";
}

// -- routing ---------------------------------------------------------------------------------

async function route() {
  const match = window.location.hash.match(/^#\/article\/([^?]+)(?:\?event=(.+))?$/);
  $("#overview").hidden = Boolean(match);
  $("#filters").hidden = Boolean(match);
  $("#article-view").hidden = !match;
  delete document.body.dataset.ready;
  if (match) {
    try {
      await showArticle(decodeURIComponent(match[1]), match[2] ? decodeURIComponent(match[2]) : null);
    } catch (err) { showError(err); }
  } else {
    await refresh(false);
  }
}

async function init() {
  $("#filters").addEventListener("submit", (event) => { event.preventDefault(); refresh(); });
  $("#filters").addEventListener("reset", () => setTimeout(refresh, 0));
  $("#network-level").addEventListener("change", () => drawNetwork().catch(showError));
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); drawEvents().catch(showError); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; drawEvents().catch(showError); });
  window.addEventListener("hashchange", route);
  try {
    const [stats, types] = await Promise.all([
      api("/stats"), api("/aggregates", { by: "type", measures: "count" }),
    ]);
    const c = stats.counts;
    $("#stats").textContent = `${c.articles} articles · ${c.events} events · ${c.quotes} quotes · ${c.mentions} actor mentions`;
    const select = $("#filters").elements.type;
    for (const t of types.items) {
      if (t.type) select.append(el("option", { value: t.type, text: `${t.type} (${t.count})` }));
    }
  } catch (err) { showError(err); }
  await route();
}

init();

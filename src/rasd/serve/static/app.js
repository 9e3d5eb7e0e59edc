// rasd's one-page app: map, timeline, filters, Arabic evidence. Plain JS over /api (no framework).
"use strict";

const COLOURS = {
  "Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e", "Violence against civilians": "#9467bd",
  "Protests": "#1f77b4", "Riots": "#e377c2", "Strategic developments": "#607d8b",
};
const STATUSES = { occurred: "occurred", possible: "possible", planned_or_threatened: "planned / threatened", negated: "denied" };
const ATTRIBUTION_AR = { anonymous: "مصدر مجهول", official: "مصدر رسمي", named: "مصدر مسمّى", media: "وسيلة إعلام", party: "طرف" };
const ROLES_AR = { trigger: "الحدث", actor1: "الفاعل", actor2: "الطرف الآخر", location: "المكان", date: "التاريخ" };
const LAYERS_AR = { places: "أماكن", actors: "فاعلون", timexes: "تواريخ", sources: "مصادر", trigger: "أحداث" };
const MAP_LIMIT = 10000;
const LIST_LIMIT = 300;

const form = document.getElementById("filters");
const state = { events: [], markers: new Map(), current: null, days: [], loading: 0 };
window.rasd = state; // for the browser tests and the curious

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v; else if (k === "style") node.style.cssText = v; else node.setAttribute(k, v);
  }
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined) node.append(child);
  return node;
};
const colour = (type) => COLOURS[type] || "#333";
const hollow = (status) => status && status !== "occurred";

async function api(url) {
  const r = await fetch(url);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

// -- filters ------------------------------------------------------------------------------------------

function filterParams({ dates = true } = {}) {
  const p = new URLSearchParams();
  const data = new FormData(form);
  for (const [k, v] of data.entries()) {
    if (!v || k === "type" || k === "status") continue;
    if (!dates && (k === "start" || k === "end")) continue;
    if (k === "min_confidence" && Number(v) === 0) continue;
    p.append(k, String(v).trim());
  }
  const types = checked("type"), statuses = checked("status");
  if (types.length < form.querySelectorAll("input[name=type]").length) types.forEach((t) => p.append("type", t));
  if (statuses.length < Object.keys(STATUSES).length) statuses.forEach((s) => p.append("status", s));
  const none = (types.length === 0 && form.querySelectorAll("input[name=type]").length) || statuses.length === 0;
  if (none) p.append("type", "-none-");  // every box of a kind unticked: nothing passes
  return p;
}
const checked = (name) => [...form.querySelectorAll(`input[name=${name}]:checked`)].map((i) => i.value);

function buildStatusBoxes() {
  const box = document.getElementById("statuses");
  for (const [value, label] of Object.entries(STATUSES)) {
    box.append(el("label", {}, el("input", { type: "checkbox", name: "status", value, checked: "" }),
      el("span", { class: "swatch" + (value === "occurred" ? "" : " hollow"), style: "--c:#555" }), label));
  }
}

function buildTypeBoxes(types) {
  const box = document.getElementById("types");
  const have = new Set([...box.querySelectorAll("input")].map((i) => i.value));
  for (const { key, count } of types) {
    if (!key || have.has(key)) continue;
    box.append(el("label", {}, el("input", { type: "checkbox", name: "type", value: key, checked: "" }),
      el("span", { class: "swatch", style: `--c:${colour(key)}` }), `${key} (${count})`));
  }
}

function buildCountries(countries) {
  const select = form.elements.country;
  for (const { key, count } of countries) if (key) select.append(el("option", { value: key }, `${key} (${count})`));
}

function updateExports(params) {
  for (const [id, fmt] of [["export-csv", "csv"], ["export-acled", "acled-csv"], ["export-geojson", "geojson"]]) {
    const p = new URLSearchParams(params);
    p.set("format", fmt); p.set("limit", String(MAP_LIMIT));
    document.getElementById(id).href = "/api/events?" + p;
  }
}

let timer = null;
function changed() { clearTimeout(timer); timer = setTimeout(load, 250); }
form.addEventListener("input", (e) => {
  if (e.target.name === "min_confidence") document.getElementById("conf-out").textContent = e.target.value;
  changed();
});
form.addEventListener("reset", () => setTimeout(() => { document.getElementById("conf-out").textContent = "0"; load(); }, 0));
form.addEventListener("submit", (e) => { e.preventDefault(); load(); });

// -- map ------------------------------------------------------------------------------------------------

const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([25, 45], 4);
map.attributionControl.setPrefix(false).addAttribution("Boundaries: Natural Earth via world-atlas · Leaflet");
const cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
map.addLayer(cluster);
state.cluster = cluster;

function unwrap(ring) {
  let shift = 0, prev = null;
  return ring.map(([x, y]) => {
    if (prev !== null && x + shift - prev > 180) shift -= 360;
    else if (prev !== null && x + shift - prev < -180) shift += 360;
    prev = x + shift;
    return [x + shift, y];
  });
}

async function basemap() {
  const topo = await (await fetch("/static/vendor/countries-50m.json")).json();
  const land = topojson.feature(topo, topo.objects.countries);
  land.features = land.features.filter((f) => f.id !== "010");  // Antarctica: its ring round the pole smears in Mercator
  for (const f of land.features) {  // rings that cross the antimeridian (Russia, Fiji) continue past ±180°
    const g = f.geometry;
    if (g) g.coordinates = g.type === "Polygon" ? g.coordinates.map(unwrap) : g.coordinates.map((p) => p.map(unwrap));
  }
  L.geoJSON(land, { interactive: false,
    style: { color: "#9e9e9e", weight: 0.6, fillColor: "#f3efe6", fillOpacity: 1 } }).addTo(map).bringToBack();
}

function marker(ev) {
  const icon = L.divIcon({ className: "rasd-marker", iconSize: [14, 14],
    html: `<span data-id="${ev.event_id}" class="${hollow(ev.status) ? "hollow" : ""}" style="--c:${colour(ev.event_type)}"></span>` });
  const m = L.marker([ev.latitude, ev.longitude], { icon, title: `${ev.event_date || "?"} ${ev.sub_event_type} — ${ev.location || ""}` });
  m.on("click", () => openEvent(ev.event_id));
  return m;
}

function drawMarkers(events, fit) {
  cluster.clearLayers();
  state.markers.clear();
  const layers = events.filter((e) => e.latitude !== null && e.longitude !== null).map((ev) => {
    const m = marker(ev);
    state.markers.set(ev.event_id, m);
    return m;
  });
  cluster.addLayers(layers);
  if (fit && layers.length) map.fitBounds(L.featureGroup(layers).getBounds().pad(0.2), { maxZoom: 7 });
}

// -- list -------------------------------------------------------------------------------------------------

function drawList(events) {
  const list = document.getElementById("list");
  list.replaceChildren(...events.slice(0, LIST_LIMIT).map((ev) => el("li", { "data-id": ev.event_id },
    el("span", { class: "swatch" + (hollow(ev.status) ? " hollow" : ""), style: `--c:${colour(ev.event_type)}` }),
    el("span", { class: "date" }, ev.event_date || "????-??-??"),
    el("span", {}, `${ev.sub_event_type} — ${ev.location || "?"}${ev.n_reports > 1 ? ` (${ev.n_reports} reports)` : ""}`))));
  if (events.length > LIST_LIMIT) list.append(el("li", { class: "more" }, `… and ${events.length - LIST_LIMIT} more on the map`));
}
document.getElementById("list").addEventListener("click", (e) => {
  const li = e.target.closest("li[data-id]");
  if (!li) return;
  openEvent(li.dataset.id);
  const m = state.markers.get(li.dataset.id);
  if (m) cluster.zoomToShowLayer(m, () => {});
});

// -- timeline ----------------------------------------------------------------------------------------------

const svg = document.querySelector("#timeline svg");
const NS = "http://www.w3.org/2000/svg";
const dayMs = 86400000;
const toDay = (iso) => Date.parse(iso + "T00:00:00Z") / dayMs;
const toIso = (day) => new Date(Math.round(day) * dayMs).toISOString().slice(0, 10);

function timelineScale() {
  // the range of all but the earliest 5 % and the latest 0.5 % of events (old background events and misread
  // years would stretch it over decades)
  const days = state.days.filter((d) => d.key);
  if (!days.length) return null;
  const total = days.reduce((n, d) => n + d.count, 0);
  let seen = 0, first = null, last = days[days.length - 1].key;
  for (const d of days) {
    if (seen < 0.995 * total) last = d.key;
    seen += d.count;
    if (first === null && seen > 0.05 * total) first = d.key;
  }
  const lo = toDay(first), hi = toDay(last) + 1;
  const width = svg.clientWidth || 600, pad = 24;
  return { lo, hi, width, pad, x: (day) => pad + ((day - lo) / Math.max(1, hi - lo)) * (width - 2 * pad),
    day: (x) => lo + ((x - pad) / (width - 2 * pad)) * Math.max(1, hi - lo) };
}

function drawTimeline() {
  svg.replaceChildren();
  const s = timelineScale();
  if (!s) return;
  const height = svg.clientHeight || 110, base = height - 16;
  const nbins = Math.max(1, Math.min(150, Math.ceil(s.hi - s.lo)));
  const size = (s.hi - s.lo) / nbins;
  const bins = new Array(nbins).fill(0);
  for (const d of state.days) {
    const bin = d.key ? Math.floor((toDay(d.key) - s.lo) / size) : -1;
    if (bin >= 0 && bin < nbins) bins[bin] += d.count;
  }
  const top = Math.max(...bins, 1);
  const start = form.elements.start.value, end = form.elements.end.value;
  bins.forEach((n, i) => {
    if (!n) return;
    const x0 = s.x(s.lo + i * size), x1 = s.x(s.lo + (i + 1) * size);
    const h = Math.max(2, Math.sqrt(n / top) * (base - 6));  // square root: a quiet day still shows
    const first = toIso(s.lo + i * size), last = toIso(s.lo + (i + 1) * size - 1);
    const inside = (!start || last >= start) && (!end || first <= end);
    const bar = document.createElementNS(NS, "rect");
    Object.entries({ x: x0, y: base - h, width: Math.max(1, x1 - x0 - 1), height: h, class: "bar" + (inside ? " in" : "") })
      .forEach(([k, v]) => bar.setAttribute(k, v));
    bar.append(Object.assign(document.createElementNS(NS, "title"), { textContent: `${first} – ${last}: ${n}` }));
    svg.append(bar);
  });
  for (const [x, label, anchor] of [[s.pad, toIso(s.lo), "start"], [s.width - s.pad, toIso(s.hi - 1), "end"]]) {
    const t = document.createElementNS(NS, "text");
    Object.entries({ x, y: height - 4, "text-anchor": anchor }).forEach(([k, v]) => t.setAttribute(k, v));
    t.textContent = label;
    svg.append(t);
  }
  if (start || end) {
    const x0 = start ? s.x(toDay(start)) : s.pad, x1 = end ? s.x(toDay(end) + 1) : s.width - s.pad;
    brushRect(x0, x1);
  }
}

function brushRect(x0, x1) {
  let rect = svg.querySelector(".brush");
  if (!rect) { rect = document.createElementNS(NS, "rect"); rect.setAttribute("class", "brush"); svg.append(rect); }
  const [a, b] = x0 < x1 ? [x0, x1] : [x1, x0];
  Object.entries({ x: a, y: 0, width: Math.max(1, b - a), height: svg.clientHeight || 110 }).forEach(([k, v]) => rect.setAttribute(k, v));
}

let drag = null;
const svgX = (e) => e.clientX - svg.getBoundingClientRect().left;
svg.addEventListener("pointerdown", (e) => { drag = { x0: svgX(e) }; svg.setPointerCapture(e.pointerId); });
svg.addEventListener("pointermove", (e) => { if (drag) brushRect(drag.x0, svgX(e)); });
svg.addEventListener("pointerup", (e) => {
  if (!drag) return;
  const s = timelineScale(), x1 = svgX(e), x0 = drag.x0;
  drag = null;
  if (!s) return;
  if (Math.abs(x1 - x0) < 3) { form.elements.start.value = ""; form.elements.end.value = ""; }  // a click clears
  else {
    const [a, b] = x0 < x1 ? [x0, x1] : [x1, x0];
    form.elements.start.value = toIso(Math.max(s.lo, Math.floor(s.day(a))));
    form.elements.end.value = toIso(Math.min(s.hi - 1, Math.floor(s.day(b))));
  }
  load();
});
window.addEventListener("resize", drawTimeline);

// -- evidence pane ------------------------------------------------------------------------------------------

function highlighted(text, marks, cls = (m) => m.role) {
  // the text with each mark in <mark>; a mark overlapping an earlier kept one is dropped
  const kept = [];
  for (const m of marks) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  kept.sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const m of kept) {
    out.push(text.slice(at, m.start));
    out.push(el("mark", { class: cls(m), title: m.title || ROLES_AR[m.role] || "" }, text.slice(m.start, m.end)));
    at = m.end;
  }
  out.push(text.slice(at));
  return out;
}

function attributionLine(a) {
  if (!a) return el("div", { class: "attribution" }, "المصدر: الوسيلة نفسها ", el("span", { class: "ltr", dir: "ltr" }, "(the outlet's own voice)"));
  return el("div", { class: "attribution" }, "نقلًا عن: ", el("mark", { class: "sources" }, `«${a.text}»`), " ← ",
    el("span", { dir: "ltr" }, a.kind), ` (${ATTRIBUTION_AR[a.kind] || a.kind})`);
}

async function openEvent(id) {
  const pane = document.getElementById("evidence");
  let got;
  try { got = await api(`/api/events/${encodeURIComponent(id)}`); } catch (err) {
    pane.replaceChildren(el("p", { class: "hint", dir: "ltr" }, String(err.message))); return;
  }
  const r = got.event;
  state.current = r.event_id;
  document.querySelectorAll("#list li.current, .rasd-marker span.current").forEach((n) => n.classList.remove("current"));
  document.querySelector(`#list li[data-id="${r.event_id}"]`)?.classList.add("current");
  document.querySelector(`.rasd-marker span[data-id="${r.event_id}"]`)?.classList.add("current");
  if (location.hash !== `#event=${r.event_id}`) history.replaceState(null, "", `#event=${r.event_id}`);
  const facts = [["date", `${r.event_date || "?"} (precision ${r.time_precision})`],
    ["status", STATUSES[r.status] || r.status], ["place", [r.location, r.admin1, r.country].filter(Boolean).join(", ") || "?"],
    ["actors", `${r.actor1 || "—"} → ${r.actor2 || "—"}`], ["fatalities", r.fatalities ?? "not reported"],
    ["reports", `${r.n_reports} from ${(r.outlets || []).join(", ") || "?"}`]];
  if (got.via) facts.unshift(["asked", `${got.asked} (${got.via === "alias" ? "merged into this event" : "a report of it"})`]);
  const reports = got.reports.map((rep, n) => el("div", { class: "report", "data-report": rep.report_id },
    el("div", { class: "ltr", dir: "ltr" }, `${n + 1}. ${rep.outlet || "?"} · published ${rep.published || "?"} · `,
      `${rep.sub_event_type} · ${rep.status}${rep.location ? " · " + rep.location : ""}`),
    el("p", { class: "sentence", dir: "rtl" }, highlighted(rep.evidence.text, rep.evidence.highlights)),
    attributionLine(rep.attribution),
    el("div", { class: "ltr", dir: "ltr" }, el("a", { href: `#article=${encodeURIComponent(rep.doc_id)}` },
      `article: ${rep.title || rep.doc_id}`))));
  pane.replaceChildren(
    el("h2", { dir: "ltr", class: "ltr", style: `color:${colour(r.event_type)}` }, `${r.sub_event_type}`),
    el("dl", { dir: "ltr", class: "ltr" }, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, String(v))])),
    el("div", { class: "legend", dir: "ltr" }, Object.entries(ROLES_AR).map(([k, v]) => [el("mark", { class: k }, v), " "])),
    ...reports);
}

async function openArticle(docId) {
  const pane = document.getElementById("evidence");
  const a = await api(`/api/articles/${encodeURIComponent(docId)}`);
  const marks = [];
  for (const rep of a.reports) if (rep.trigger && rep.trigger.start !== undefined) marks.push({ ...rep.trigger, role: "trigger", title: rep.sub_event_type });
  for (const layer of ["sources", "actors", "places", "timexes"]) {
    for (const s of a.spans[layer] || []) marks.push({ start: s.start, end: s.end, role: layer, title: s.canonical || s.name_en || s.value || s.kind || "" });
  }
  const events = [...new Set(a.reports.map((r) => r.event_id).filter(Boolean))];
  pane.replaceChildren(
    el("div", { class: "ltr", dir: "ltr" }, el("a", { href: state.current ? `#event=${state.current}` : "#" }, "← back to the event"),
      ` · ${a.source || "?"} · published ${a.published || "?"}`, a.url ? [" · ", el("a", { href: a.url, rel: "noreferrer" }, "original")] : null),
    el("div", { class: "legend", dir: "ltr" }, Object.entries(LAYERS_AR).map(([k, v]) => [el("mark", { class: k }, v), " "])),
    el("div", { class: "article-text", dir: "rtl" }, highlighted(a.text, marks)),
    el("div", { class: "ltr", dir: "ltr" }, "events of this article: ",
      events.map((id) => [el("a", { href: `#event=${id}` }, id), " "])));
}

window.addEventListener("hashchange", route);
function route() {
  const [k, v] = location.hash.slice(1).split("=");
  if (k === "event" && v) openEvent(decodeURIComponent(v));
  else if (k === "article" && v) openArticle(decodeURIComponent(v)).catch((err) => console.error(err));
}

// -- loading -------------------------------------------------------------------------------------------------

let first = true;
async function load() {
  const params = filterParams();
  updateExports(params);
  const mine = ++state.loading;
  const mapParams = new URLSearchParams(params);
  mapParams.set("fields", "map"); mapParams.set("located", "true"); mapParams.set("limit", String(MAP_LIMIT));
  const dayParams = filterParams({ dates: false });
  dayParams.set("by", "day"); dayParams.set("all_dates", "true");
  const statParams = new URLSearchParams(params);
  statParams.append("by", "type");
  if (first) statParams.append("by", "country");
  try {
    const [points, days, totals] = await Promise.all([api("/api/events?" + mapParams), api("/api/stats?" + dayParams),
      api("/api/stats?" + statParams)]);
    if (mine !== state.loading) return;  // a newer filter is on its way
    if (first) { buildTypeBoxes(totals.type); buildCountries(totals.country || []); }
    state.events = points.events;
    state.days = days.day;
    drawMarkers(points.events, first);
    drawList(points.events);
    drawTimeline();
    const off = totals.total - points.total;
    document.getElementById("summary").textContent = `${totals.total} events` + (off ? ` (${off} without a place, not on the map)` : "")
      + (points.total > points.count ? ` · map shows the newest ${points.count}` : "");
    document.body.dataset.loaded = String(mine);
    first = false;
  } catch (err) {
    document.getElementById("summary").textContent = "error: " + err.message;
  }
}

buildStatusBoxes();
basemap().catch((err) => console.error("basemap", err));
load().then(route);

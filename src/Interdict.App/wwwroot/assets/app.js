// Interdict analyst UI: plain JavaScript, no framework, no CDN. Talks to the same-origin API with the session cookie.
// Wrapped in a function so that page scripts can name their own helpers freely.
(() => {
"use strict";

const api = async (path, options = {}) => {
  const res = await fetch(path, { credentials: "same-origin", headers: { "Accept": "application/json", ...(options.headers || {}) }, ...options });
  if (res.status === 401) { location.href = "/login"; throw new Error("not signed in"); }
  const type = res.headers.get("content-type") || "";
  const body = type.includes("json") ? await res.json() : await res.text();
  if (!res.ok) { throw new Error((body && (body.detail || body.title)) || res.statusText); }
  return body;
};

const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const scoreClass = (s) => (s >= 0.95 ? "high" : s >= 0.85 ? "mid" : "low");
const fmtDate = (d) => (d ? String(d).slice(0, 10) : "");

function header(active) {
  const pages = [["/", "Search"], ["/text", "Text"], ["/alerts", "Alerts"], ["/lists", "Lists"], ["/history", "History"], ["/batch", "Batch"], ["/audit", "Audit"], ["/docs", "API"]];
  const el = document.createElement("header");
  el.className = "top";
  el.innerHTML = `<a class="brand" href="/">INTERDICT</a><nav aria-label="Main">${pages
    .map(([href, label]) => `<a href="${href}" ${label === active ? 'aria-current="page"' : ""}>${label}</a>`).join("")}</nav>
    <span class="who" id="who"></span>`;
  document.body.prepend(el);
  api("/api/session").then((s) => {
    document.getElementById("who").innerHTML = `${esc(s.name)} · ${esc(s.role)} <button class="secondary" id="logout">Sign out</button>`;
    document.getElementById("logout").onclick = async () => { await fetch("/api/session", { method: "DELETE" }); location.href = "/login"; };
  }).catch(() => {});
}

// Highlights, in a listed name, the tokens that the explanation aligned with query tokens.
function highlight(name, explanation) {
  const tokens = new Set();
  for (const t of (explanation && (explanation.tokens || explanation.alignments || [])) || []) {
    const c = t.matched_token;
    if (c && (t.similarity ?? 0) > 0) for (const part of String(c).split(/\s+/)) tokens.add(part.toLowerCase());
  }
  if (tokens.size === 0) return esc(name);
  return name.split(/(\s+|,)/).map((part) => {
    const norm = part.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\p{L}\p{N}]/gu, "");
    return norm && [...tokens].some((t) => t.replace(/[^\p{L}\p{N}]/gu, "") === norm) ? `<mark>${esc(part)}</mark>` : esc(part);
  }).join("");
}

function explanationTable(ex) {
  if (!ex) return "";
  const rows = (ex.tokens || []).map((t) =>
    `<tr><td>${esc(t.query_token ?? "—")}</td><td>${esc(t.matched_token ?? "—")}</td><td>${(t.similarity ?? 0).toFixed(2)}</td><td>${(t.weight ?? 0).toFixed(2)}</td><td>${(t.contribution ?? 0).toFixed(3)}</td><td class="muted">${esc(String(t.kind ?? "").replace(/_/g, " "))}</td></tr>`).join("");
  const attrs = [...(ex.adjustments || []).map((a) => ({ attribute: "name", effect: null, factor: a.factor, detail: a.reason })), ...(ex.attributes || [])].map((a) =>
    `<tr><td>${esc(String(a.attribute).replace(/_/g, " "))}</td><td>${a.effect == null ? "×" + (a.factor ?? 1).toFixed(2) : (a.effect >= 0 ? "+" : "") + a.effect.toFixed(3)}</td><td class="muted">${esc(a.detail ?? "")}</td></tr>`).join("");
  return `<div class="explain">${rows ? `<table><thead><tr><th>Query token</th><th>Listed token</th><th>Similarity</th><th>Weight</th><th>Contribution</th><th></th></tr></thead><tbody>${rows}</tbody></table>` : ""}
    ${attrs ? `<table><thead><tr><th>Attribute</th><th>Effect</th><th>Why</th></tr></thead><tbody>${attrs}</tbody></table>` : ""}
    <p class="muted small">Name similarity ${(ex.name_score ?? 0).toFixed(3)} × ${(ex.name_score_scale ?? 1).toFixed(2)}, plus attribute effects = score ${(ex.score ?? 0).toFixed(3)}.</p></div>`;
}

// One party on several lists is one finding: the other lists' entries go under it, each with why it was linked.
function alsoListed(m) {
  return (m.also_listed || []).map((a) => `<div class="muted small also-listed"><a href="/entity/${encodeURIComponent(a.entity_id)}">${esc(a.description)}</a>${a.score != null ? ` · also matched (${a.score.toFixed(3)})` : ""}</div>`).join("");
}
window.Interdict = { api, esc, scoreClass, fmtDate, header, highlight, explanationTable, alsoListed };
})();

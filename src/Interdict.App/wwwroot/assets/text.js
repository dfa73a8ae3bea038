// A block of its own: app.js already declares api, esc and the rest as globals.
{
const { api, esc, scoreClass, header, explanationTable, alsoListed } = window.Interdict;
header("Text");
let mentions = [];
function loadFile(input, target) {
  input.addEventListener("change", () => {
    const f = input.files[0];
    if (!f) return;
    const r = new FileReader();
    r.onload = () => { document.getElementById(target).value = r.result; };
    r.readAsText(f);
  });
}
loadFile(document.getElementById("textfile"), "text");
loadFile(document.getElementById("payfile"), "payment");

function renderText(text, res) {
  const marks = res.mentions.map((m, i) => ({ start: m.start, end: m.start + m.length, cls: "mention" + (m.kind === "partial" ? " partial" : ""), i, title: `${m.entity_id} ${m.entity_name} · ${m.score.toFixed(2)} · ${m.kind}` }))
    .concat(res.places.map((p) => ({ start: p.start, end: p.start + p.length, cls: "place", i: -1, title: `${p.place} · ${p.program}` })))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let html = "", at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    html += esc(text.slice(at, m.start)) + `<mark class="${m.cls}" data-i="${m.i}" title="${esc(m.title)}" tabindex="0">${esc(text.slice(m.start, m.end))}</mark>`;
    at = m.end;
  }
  document.getElementById("marked").innerHTML = html + esc(text.slice(at));
}
function showMention(i) {
  const m = mentions[i];
  if (!m) return;
  document.getElementById("detail").innerHTML = `<h3><a href="/entity/${encodeURIComponent(m.entity_id)}">${esc(m.entity_name)}</a> <span class="score ${scoreClass(m.score)}">${m.score.toFixed(3)}</span></h3>
    <p class="small muted">"${esc(m.text)}" at ${m.start} · ${esc(m.kind)} mention${m.title ? " · after “" + esc(m.title) + "”" : ""} · matched ${esc(m.matched_name)} · ${esc(m.list_id)} · ${esc((m.programs || []).join(", "))}</p>
    ${explanationTable(m.explanation)}
    ${(m.explanation.adjustments || []).map((a) => `<p class="small muted">× ${a.factor.toFixed(2)}: ${esc(a.reason)}</p>`).join("")}`;
}
document.getElementById("marked").addEventListener("click", (e) => {
  const mk = e.target.closest("mark");
  if (mk && mk.dataset.i >= 0) showMention(+mk.dataset.i);
});
document.getElementById("marked").addEventListener("keydown", (e) => {
  const mk = e.target.closest("mark");
  if (mk && e.key === "Enter" && mk.dataset.i >= 0) showMention(+mk.dataset.i);
});
document.getElementById("textform").addEventListener("submit", async (e) => {
  e.preventDefault();
  const err = document.getElementById("terr");
  err.textContent = "";
  const text = document.getElementById("text").value;
  try {
    const res = await api("/api/screen/text", { method: "POST", headers: { "Accept": "application/json", "Content-Type": "application/json" }, body: JSON.stringify({ text, threshold: parseFloat(document.getElementById("threshold").value) }) });
    mentions = res.mentions;
    document.getElementById("tresult").hidden = false;
    document.getElementById("tsummary").textContent = `${res.mentions.length} mentions, ${res.places.length} sanctioned places · ${res.candidates} candidate spans · threshold ${res.threshold.toFixed(2)} · ${res.snapshots.map((s) => s.list + " " + String(s.published).slice(0, 10)).join(", ")}`;
    renderText(text, res);
    document.getElementById("detail").innerHTML = "";
    document.querySelector("#mentions tbody").innerHTML = res.mentions.map((m, i) =>
      `<tr><td class="score ${scoreClass(m.score)}">${m.score.toFixed(3)}</td><td><a href="#" data-i="${i}">${esc(m.text)}</a></td><td>${esc(m.kind)}</td><td>${esc(m.entity_name)}${alsoListed(m)}</td><td><a href="/entity/${encodeURIComponent(m.entity_id)}">${esc(m.entity_id)}</a></td><td>${esc((m.programs || []).join(", "))}</td></tr>`).join("") || `<tr><td colspan="6" class="muted">No listed party at or above the threshold.</td></tr>`;
    document.querySelector("#places tbody").innerHTML = res.places.map((p) =>
      `<tr><td>${esc(p.text)}</td><td>${esc(p.place)}</td><td>${esc(p.kind)}</td><td>${esc((p.programs || []).join(", "))}</td></tr>`).join("") || `<tr><td colspan="4" class="muted">No sanctioned place.</td></tr>`;
  } catch (ex) { err.textContent = ex.message; }
});
document.querySelector("#mentions tbody").addEventListener("click", (e) => {
  const a = e.target.closest("a[data-i]");
  if (a) { e.preventDefault(); showMention(+a.dataset.i); }
});
let hits = [];
document.getElementById("payform").addEventListener("submit", async (e) => {
  e.preventDefault();
  const err = document.getElementById("perr");
  err.textContent = "";
  try {
    const res = await api("/api/screen/payment", { method: "POST", headers: { "Accept": "application/json", "Content-Type": "text/plain" }, body: document.getElementById("payment").value });
    hits = res.hits;
    document.getElementById("presult").hidden = false;
    document.getElementById("ptitle").textContent = `${res.format} ${res.message_id}: ${res.alert ? res.hits.length + " findings" : "no finding"}`;
    document.getElementById("pdetail").innerHTML = "";
    document.querySelector("#hits tbody").innerHTML = res.hits.map((h, i) =>
      `<tr><td><span class="kbd">${esc(h.path)}</span></td><td>${esc(h.field)}</td><td>${esc(h.kind)}</td><td>${esc(h.value)}</td><td class="score ${scoreClass(h.score)}">${h.score.toFixed(3)}</td><td>${h.kind === "place" ? esc(h.detail || h.place) : `<a href="#" data-i="${i}">${esc(h.entity_id)} ${esc(h.entity_name)}</a>${h.detail ? " (" + esc(h.detail) + ")" : ""}${alsoListed(h)}`}</td><td>${esc((h.programs || []).join(", "))}</td></tr>`).join("") || `<tr><td colspan="7" class="muted">Nothing found.</td></tr>`;
  } catch (ex) { err.textContent = ex.message; }
});
document.querySelector("#hits tbody").addEventListener("click", (e) => {
  const a = e.target.closest("a[data-i]");
  if (!a) return;
  e.preventDefault();
  const h = hits[+a.dataset.i];
  document.getElementById("pdetail").innerHTML = `<h3><a href="/entity/${encodeURIComponent(h.entity_id)}">${esc(h.entity_name)}</a></h3>${h.explanation ? explanationTable(h.explanation) : `<p class="muted">${esc(h.detail || "")}</p>`}`;
});
}

const { api, esc, scoreClass, header, highlight, explanationTable, alsoListed } = window.Interdict;
header("Search");
// Results follow the fields as they change; Enter in a field must not submit (and reload) the page.
document.getElementById("form").addEventListener("submit", (e) => e.preventDefault());
const q = document.getElementById("q"), tbody = document.querySelector("#results tbody"), status = document.getElementById("status");
let seq = 0, rows = [], selected = -1;
async function run() {
  const name = q.value.trim();
  const my = ++seq;
  if (name.length < 2) { document.getElementById("results").hidden = true; status.textContent = "Type a name to search the lists."; return; }
  const body = { name, type: document.getElementById("type").value || null, dob: document.getElementById("dob").value || null,
    country: document.getElementById("country").value || null, threshold: parseFloat(document.getElementById("threshold").value || "0.7"), limit: 20 };
  try {
    const r = await api("/api/screen", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (my !== seq) return;
    rows = r.matches; selected = rows.length ? 0 : -1;
    status.textContent = `${rows.length} match${rows.length === 1 ? "" : "es"} at or above ${r.threshold} · lists: ${r.snapshots.map((s) => `${s.list} ${String(s.published).slice(0, 10)}`).join(", ")}`;
    tbody.innerHTML = rows.map((m, i) => `
      <tr class="result" data-i="${i}" tabindex="-1" data-entity="${esc(m.entity_id)}">
        <td class="score ${scoreClass(m.score)}">${m.score.toFixed(3)}</td>
        <td><a href="/entity/${encodeURIComponent(m.entity_id)}">${highlight(m.name, m.explanation)}</a>${alsoListed(m)}</td>
        <td>${m.matched_name !== m.name ? highlight(m.matched_name, m.explanation) : '<span class="muted">primary name</span>'}</td>
        <td>${esc(m.type)}</td><td>${esc(m.list)}</td>
        <td>${m.programs.map((p) => `<span class="pill program">${esc(p)}</span>`).join("")}</td>
      </tr>
      <tr class="explain-row" data-for="${i}" hidden><td></td><td colspan="5">${explanationTable(m.explanation)}</td></tr>`).join("");
    document.getElementById("results").hidden = rows.length === 0;
    mark();
  } catch (e) { if (my === seq) status.innerHTML = `<span class="error">${esc(e.message)}</span>`; }
}
function mark() {
  tbody.querySelectorAll("tr.result").forEach((tr) => tr.classList.toggle("selected", +tr.dataset.i === selected));
}
let timer;
for (const id of ["q", "type", "dob", "country", "threshold"]) document.getElementById(id).addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 120); });
tbody.addEventListener("click", (e) => { const tr = e.target.closest("tr.result"); if (tr && e.target.tagName !== "A") toggle(+tr.dataset.i); });
function toggle(i) { const row = tbody.querySelector(`tr.explain-row[data-for="${i}"]`); if (row) row.hidden = !row.hidden; }
document.addEventListener("keydown", (e) => {
  if (e.key === "/" && document.activeElement !== q) { e.preventDefault(); q.focus(); return; }
  // Keys typed into the other fields (type, date of birth, country, threshold) are theirs.
  if (e.target !== q && e.target.matches("input, select, textarea")) return;
  if (!rows.length) return;
  if (e.key === "ArrowDown") { e.preventDefault(); selected = Math.min(rows.length - 1, selected + 1); mark(); }
  else if (e.key === "ArrowUp") { e.preventDefault(); selected = Math.max(0, selected - 1); mark(); }
  else if (e.key === "Enter" && selected >= 0) { location.href = "/entity/" + encodeURIComponent(rows[selected].entity_id); }
  else if (e.key === "e" && document.activeElement !== q && selected >= 0) { toggle(selected); }
});

const { api, esc, header, scoreClass, explanationTable } = window.Interdict;
header("Alerts");
let rows = [], sel = 0;
const analyst = document.getElementById("analyst");
analyst.value = localStorage.getItem("interdict.analyst") || "";
analyst.onchange = () => localStorage.setItem("interdict.analyst", analyst.value);
function render() {
  document.querySelector("#alerts tbody").innerHTML = rows.map((a, i) =>
    `<tr data-i="${i}" ${i === sel ? 'aria-selected="true"' : ""}><td>${a.id}</td><td>${esc(a.customer_id)}</td>
     <td><a href="/entity/${encodeURIComponent(a.entity_id)}">${esc(a.entity_id)}</a></td><td>${esc(a.matched_name)}</td>
     <td class="${scoreClass(a.score)}">${a.score.toFixed(3)}</td><td class="small">${esc(a.programs.join(" "))}</td><td>${esc(a.status)}</td></tr>`).join("");
  const a = rows[sel];
  document.getElementById("detail").innerHTML = a ? `<h2>Alert ${a.id}: ${esc(a.customer_id)} – ${esc(a.entity_name)}</h2>${explanationTable(a.explanation)}
    <h3>Decisions</h3><ul>${a.decisions.map((d) => `<li>${esc(String(d.time).slice(0, 19).replace("T", " "))} ${esc(d.analyst)}: <b>${esc(d.decision)}</b> – ${esc(d.reason)}</li>`).join("") || "<li class=muted>none</li>"}</ul>` : "<p class=muted>No alerts.</p>";
}
async function load() {
  const p = new URLSearchParams({ limit: "500" });
  const status = document.getElementById("status").value, min = document.getElementById("min").value;
  if (status) p.set("status", status);
  if (min) p.set("minScore", min);
  try {
    rows = await api("/api/alerts?" + p);
    sel = Math.min(sel, Math.max(0, rows.length - 1));
    document.getElementById("err").textContent = "";
    render();
  } catch (e) { document.getElementById("err").textContent = e.message; }
}
async function decide(decision) {
  const a = rows[sel];
  if (!a) return;
  const reason = prompt(`${decision} for alert ${a.id}: reason`);
  if (!reason) return;
  try {
    await api(`/api/alerts/${a.id}/decisions`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ decision, reason, analyst: analyst.value || null }) });
    await load();
  } catch (e) { document.getElementById("err").textContent = e.message; }
}
document.addEventListener("keydown", (e) => {
  if (e.target.matches("input, select, textarea")) return;
  if (e.key === "j") { sel = Math.min(sel + 1, rows.length - 1); render(); }
  else if (e.key === "k") { sel = Math.max(sel - 1, 0); render(); }
  else if (e.key === "t") decide("true-match");
  else if (e.key === "f") decide("false-positive");
  else if (e.key === "e") decide("escalate");
});
document.querySelector("#alerts tbody").onclick = (e) => { const tr = e.target.closest("tr"); if (tr) { sel = Number(tr.dataset.i); render(); } };
document.getElementById("f").onsubmit = (e) => { e.preventDefault(); load(); };
load();

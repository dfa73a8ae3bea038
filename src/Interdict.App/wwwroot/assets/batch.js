const { api, esc, scoreClass, header } = window.Interdict;
header("Batch");
let results = [];
async function jobs() {
  const js = await api("/api/jobs");
  document.querySelector("#jobs tbody").innerHTML = js.map((j) => `<tr><td><a href="#${j.id}">${j.id}</a></td><td>${esc(j.status)}${j.kind === "portfolio" ? " (portfolio import)" : ""}</td><td>${j.rows_done}${j.rows_total != null ? " / " + j.rows_total : ""}</td><td>${j.matches}</td><td>${j.bad_rows}</td><td>${esc(String(j.created).replace("T", " ").slice(0, 19))}</td></tr>`).join("");
}
async function watch(id) {
  document.getElementById("jobpanel").hidden = false;
  document.getElementById("jobtitle").textContent = "Job " + id;
  for (;;) {
    const j = await api("/api/jobs/" + id);
    const pct = Math.round(j.progress * 100);
    document.querySelector("#bar > div").style.width = pct + "%";
    document.getElementById("bar").setAttribute("aria-valuenow", pct);
    document.getElementById("jobstatus").textContent = `${j.status} · ${j.rows_done}${j.rows_total != null ? " of " + j.rows_total : ""} rows · ${j.matches} matches · ${j.bad_rows} bad rows${j.error ? " · " + j.error : ""}`;
    if (j.status === "done" && j.kind === "portfolio") { document.getElementById("jobstatus").textContent += " · portfolio import: " + JSON.stringify(j.summary); return; }
    if (j.status === "done") break;
    // Expired: finished longer ago than the server's job retention; its input and results are deleted.
    if (j.status === "failed" || j.status === "expired") return;
    await new Promise((r) => setTimeout(r, 400));
  }
  const text = await (await fetch(`/api/jobs/${id}/results`)).text();
  results = text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  document.getElementById("download").href = `/api/jobs/${id}/results`;
  document.getElementById("filters").hidden = false;
  document.getElementById("rtable").hidden = false;
  render();
  jobs();
}
function render() {
  const min = parseFloat(document.getElementById("minscore").value || "0"), f = document.getElementById("filter").value.toLowerCase(), only = document.getElementById("onlyhits").checked;
  const rows = [];
  for (const r of results) {
    if (r.error) { rows.push(`<tr><td>${esc(r.id)}</td><td colspan="4" class="error">${esc(r.error)}</td></tr>`); continue; }
    const ms = r.matches.filter((m) => m.score >= min && (!f || `${r.id} ${m.name} ${m.matched_name} ${m.list} ${m.entity_id}`.toLowerCase().includes(f)));
    if (ms.length === 0 && !only && !f) rows.push(`<tr><td>${esc(r.id)}</td><td colspan="4" class="muted">no match</td></tr>`);
    for (const m of ms) rows.push(`<tr class="hit"><td>${esc(r.id)}</td><td class="score ${scoreClass(m.score)}">${m.score.toFixed(3)}</td><td><a href="/entity/${encodeURIComponent(m.entity_id)}">${esc(m.name)}</a></td><td>${esc(m.matched_name)}</td><td>${esc(m.list)}</td></tr>`);
  }
  document.querySelector("#rtable tbody").innerHTML = rows.join("");
}
for (const id of ["minscore", "filter", "onlyhits"]) document.getElementById(id).addEventListener("input", render);
document.getElementById("upload").onsubmit = async (e) => {
  e.preventDefault();
  const fd = new FormData(); fd.append("file", document.getElementById("file").files[0]);
  try {
    const j = await api("/api/jobs?threshold=" + document.getElementById("threshold").value, { method: "POST", body: fd });
    location.hash = j.id; watch(j.id); jobs();
  } catch (err) { document.getElementById("uerr").textContent = err.message; }
};
jobs();
if (location.hash.length > 1) watch(location.hash.slice(1));
window.addEventListener("hashchange", () => location.hash.length > 1 && watch(location.hash.slice(1)));

const { api, esc, header } = window.Interdict;
header("History");
const sel = document.getElementById("list");
async function load() {
  const p = new URLSearchParams({ list: sel.value, entries: "false" });
  if (document.getElementById("since").value) p.set("since", document.getElementById("since").value);
  if (document.getElementById("until").value) p.set("until", document.getElementById("until").value);
  try {
    const r = await api("/api/changes?" + p);
    document.getElementById("err").textContent = "";
    document.querySelector("#timeline tbody").innerHTML = r.publications.slice().reverse().map(({ publication: x, summary }) => `
      <tr class="result" tabindex="0" data-published="${esc(x.published)}">
        <td><a href="#" data-published="${esc(x.published)}">${esc(String(x.published).replace("T", " ").slice(0, 16))}</a></td>
        <td>${x.entityCount.toLocaleString("en")}</td>
        <td>${x.baseline ? '<span class="muted">first stored</span>' : `<span class="added">+${x.added}</span>`}</td>
        <td>${x.baseline ? "" : `<span class="removed">-${x.removed}</span>`}</td>
        <td>${x.baseline ? "" : `~${x.modified}`}</td>
        <td class="small">${summary.map(esc).join("<br>")}</td></tr>`).join("");
  } catch (e) { document.getElementById("err").textContent = e.message; }
}
async function drill(published) {
  const p = new URLSearchParams({ list: sel.value, since: published, until: published });
  const r = await api("/api/changes?" + p);
  const x = r.publications[0]?.publication;
  if (!x) return;
  document.getElementById("detail").hidden = false;
  document.getElementById("dtitle").textContent = `${sel.value} published ${String(x.published).replace("T", " ").slice(0, 16)}: +${x.added} −${x.removed} ~${x.modified}`;
  document.getElementById("dbody").innerHTML = x.entries.map((e) => `<tr><td>${e.change === "Added" ? "+" : e.change === "Removed" ? "−" : "~"}</td>
    <td><a href="/entity/${encodeURIComponent(e.entityId)}">${esc(e.entityId)}</a></td><td>${esc(e.name)}</td>
    <td>${e.programs.map((p) => `<span class="pill program">${esc(p)}</span>`).join("")}</td><td class="small">${e.fields.map((f) => esc(f.field)).join(", ")}</td></tr>`).join("");
  document.getElementById("detail").scrollIntoView();
}
document.querySelector("#timeline tbody").addEventListener("click", (e) => { const tr = e.target.closest("tr"); if (tr) { e.preventDefault(); drill(tr.dataset.published); } });
document.querySelector("#timeline tbody").addEventListener("keydown", (e) => { const tr = e.target.closest("tr"); if (tr && e.key === "Enter") drill(tr.dataset.published); });
for (const id of ["list", "since", "until"]) document.getElementById(id).addEventListener("change", load);
(async () => {
  const lists = await api("/api/lists");
  sel.innerHTML = lists.filter((l) => l.current).map((l) => `<option>${esc(l.list)}</option>`).join("");
  load();
})();

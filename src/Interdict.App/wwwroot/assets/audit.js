const { api, esc, header } = window.Interdict;
header("Audit");
async function load() {
  const p = new URLSearchParams({ limit: "500" });
  if (document.getElementById("from").value) p.set("from", document.getElementById("from").value);
  if (document.getElementById("to").value) p.set("to", document.getElementById("to").value);
  try {
    const rows = await api("/api/audit?" + p);
    document.getElementById("err").textContent = "";
    document.querySelector("#audit tbody").innerHTML = rows.reverse().map((a) => {
      const q = JSON.parse(a.query), snaps = JSON.parse(a.snapshots), ms = JSON.parse(a.matches);
      return `<tr><td>${a.id}</td><td>${esc(String(a.time).replace("T", " ").slice(0, 19))}</td><td>${esc(a.actor)}</td><td>${esc(a.channel)}</td>
        <td>${esc(q.name || q.q || JSON.stringify(q).slice(0, 80))}</td><td class="small">${snaps.map((s) => `${esc(s.list)} #${s.snapshot} (${esc(String(s.published).slice(0, 10))})`).join("<br>")}</td>
        <td>${a.threshold}</td><td class="small">${ms.map((m) => `${esc(m.entity_id)} ${m.score}`).join("<br>")}</td></tr>`;
    }).join("");
  } catch (e) { document.getElementById("err").textContent = e.message; }
}
document.getElementById("f").onsubmit = (e) => { e.preventDefault(); load(); };
load();

const { api, esc, header } = window.Interdict;
header("Search");
const id = decodeURIComponent(location.pathname.split("/").pop());
(async () => {
  try {
    const [e, programs] = await Promise.all([api("/api/entities/" + encodeURIComponent(id)), api("/api/programs").catch(() => [])]);
    const pname = Object.fromEntries(programs.map((p) => [p.code, p.name]));
    document.title = `${e.names[0].full} · Interdict`;
    document.getElementById("title").textContent = e.names[0].full;
    const row = (k, v) => (v ? `<div>${esc(k)}</div><div>${v}</div>` : "");
    const names = e.names.slice(1).map((n) => `<div><span class="pill ${n.strength === "Weak" ? "weak" : ""}">${esc({Aka:"a.k.a.",Fka:"f.k.a.",Nka:"n.k.a."}[n.type] || "a.k.a.")}${n.strength === "Weak" ? " · weak" : ""}</span> ${esc(n.full)}${n.script ? ` <span class="pill">${esc(n.script)}</span>` : ""}</div>`).join("");
    const ids = (e.identifiers || []).map((i) => `<div>${esc(i.label)}: <b>${esc(i.value)}</b>${i.country ? ` (${esc(i.countryName || i.country)})` : ""}${i.issueDate ? `, issued ${esc(i.issueDate)}` : ""}${i.expiryDate ? `, expires ${esc(i.expiryDate)}` : ""}</div>`).join("");
    const addrs = (e.addresses || []).map((a) => `<div>${esc([...(a.lines || []), a.city, a.region, a.postalCode, a.countryName || a.country].filter(Boolean).join(", "))}</div>`).join("");
    const links = (e.links || []).map((l) => `<div>${esc(l.relation)}: ${l.targetId ? `<a href="/entity/${encodeURIComponent(l.targetId)}">${esc(l.targetName)}</a>` : esc(l.targetName)}</div>`).join("");
    const dobs = (e.birthDates || []).map((d) => esc((d.approximate ? "circa " : "") + d.from + (d.to ? " to " + d.to : ""))).join("<br>");
    document.getElementById("body").innerHTML = `
      <div class="panel grid2">
        ${row("Entity id", esc(e.id))}${row("List", esc(e.listId))}${row("Type", esc(e.kind))}
        ${row("Programs", (e.programs || []).map((p) => `<span class="pill program" title="${esc(pname[p] || "")}">${esc(p)}</span> ${esc(pname[p] || "")}`).join("<br>"))}
        ${row("Listed on", esc(e.listedOn || ""))}${row("Titles", esc((e.titles || []).join("; ")))}
        ${row("Aliases", names)}${row("Date of birth", dobs)}${row("Place of birth", esc((e.birthPlaces || []).join("; ")))}
        ${row("Nationality", esc((e.nationalities || []).join(", ")))}${row("Citizenship", esc((e.citizenships || []).join(", ")))}
        ${row("Gender", esc(e.gender || ""))}${row("Identifiers", ids)}${row("Addresses", addrs)}
        ${row("Vessel", e.vessel ? esc(Object.entries(e.vessel).map(([k, v]) => `${k.replace(/_/g, " ")}: ${v}`).join("; ")) : "")}
        ${row("Related", links)}
        ${row("Other", (e.other || []).map((kv) => `${esc(kv.key)}: ${esc(kv.value)}`).join("<br>"))}
        ${row("Remarks", esc(e.remarks || ""))}
      </div>
      <h2>History</h2><div class="panel" id="history"><span class="muted">Loading…</span></div>
      <h2>Source record</h2><pre>${esc(JSON.stringify(e, null, 2))}</pre>`;
    api("/api/entities/" + encodeURIComponent(id) + "/history").then((h) => {
      document.getElementById("history").innerHTML = `<table><thead><tr><th>Published</th><th>Event</th><th>Changed</th></tr></thead><tbody>${
        h.events.map((ev) => `<tr><td>${esc(String(ev.published).replace("T", " ").slice(0, 16))}</td><td>${esc(ev.baseline && ev.event === "Listed" ? "listed (on or before the first stored snapshot)" : ev.event.toLowerCase())}</td>
          <td class="small">${ev.fields.map((f) => esc(f.field)).join(", ")}</td></tr>`).join("")}</tbody></table>`;
    }).catch((e) => { document.getElementById("history").textContent = e.message; });
  } catch (err) { document.getElementById("title").textContent = "Not found"; document.getElementById("body").innerHTML = `<p class="error">${esc(err.message)}</p>`; }
})();

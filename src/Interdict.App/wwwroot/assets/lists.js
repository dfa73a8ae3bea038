const { api, esc, fmtDate, header } = window.Interdict;
header("Lists");
(async () => {
  const lists = await api("/api/lists");
  document.querySelector("#lists tbody").innerHTML = lists.map((l) => `<tr>
    <td><a href="#" data-list="${esc(l.list)}">${esc(l.list)}</a></td><td>${esc(l.name)}</td><td>${esc(l.publisher)}</td>
    <td>${fmtDate(l.current?.published)}</td><td>${(l.current?.entities ?? 0).toLocaleString("en")}</td><td>${l.snapshots}</td>
    <td class="small muted">${(l.current?.files || []).map((f) => `${esc(f.name)} <span title="SHA-256 ${esc(f.sha256)}">${esc(f.sha256.slice(0, 10))}…</span>`).join("<br>")}</td>
    <td class="small">${l.refresh ? `${l.refresh.last_result === "failed" ? '<span class="error">failing</span>: ' + esc(l.refresh.last_error || "") : esc(l.refresh.last_result || "")}<br><span class="muted">last attempt ${esc(String(l.refresh.last_attempt || "").replace("T", " ").slice(0, 16))}${l.refresh.next_run ? " · next " + esc(String(l.refresh.next_run).replace("T", " ").slice(0, 16)) : ""}</span>` : '<span class="muted">off</span>'}</td></tr>`).join("");
  document.querySelectorAll("a[data-list]").forEach((a) => a.onclick = async (e) => {
    e.preventDefault();
    const snaps = await api(`/api/lists/${encodeURIComponent(a.dataset.list)}/snapshots`);
    document.getElementById("snaps").innerHTML = `<h2>Snapshots of ${esc(a.dataset.list)}</h2><div class="panel"><table><thead><tr><th>Snapshot</th><th>Published</th><th>Imported</th><th>Entries</th><th>Format</th></tr></thead><tbody>${
      snaps.map((s) => `<tr><td>${s.id}</td><td>${esc(String(s.published).replace("T", " ").slice(0, 16))}</td><td>${esc(String(s.imported_at).replace("T", " ").slice(0, 16))}</td><td>${s.entity_count.toLocaleString("en")}</td><td>${esc(s.format)}</td></tr>`).join("")}</tbody></table></div>`;
  });
})();

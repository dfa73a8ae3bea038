document.getElementById("f").onsubmit = async (e) => {
  e.preventDefault();
  const res = await fetch("/api/session", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ key: document.getElementById("key").value }) });
  if (res.ok) { location.href = "/"; } else { document.getElementById("err").textContent = "That key is unknown or revoked."; }
};

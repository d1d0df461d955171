// The glossary review page: candidate translations in a table, sorted and filtered on the
// server; keyboard-driven approve (a), reject (r), deprecate (d), edit (e); bulk approve.
// Every change is one API call with the session's token and CSRF token.
"use strict";

(() => {
  const { api, el, marked, rangesOf, setStatus } = tmkit;
  const form = document.getElementById("filters");
  const glossary = document.getElementById("glossary");
  const statusFilter = document.getElementById("status-filter");
  const minScore = document.getElementById("min-score");
  const minCount = document.getElementById("min-count");
  const text = document.getElementById("term-filter");
  const sort = document.getElementById("sort");
  const bulkScore = document.getElementById("bulk-score");
  const bulkButton = document.getElementById("bulk-approve");
  const status = document.getElementById("status");
  const body = document.getElementById("rows");
  const more = document.getElementById("more");
  const canWrite = document.body.dataset.canWrite === "true";
  const PAGE = 100;
  let rows = [], total = 0, version = "", active = 0, editing = null, loading = null;

  const base = () => `/api/v1/glossaries/${encodeURIComponent(glossary.value)}/review`;

  function query(offset) {
    const [key, order] = sort.value.split(":");
    return base() + "?" + new URLSearchParams({
      status: statusFilter.value, minScore: minScore.value || "0", minCount: minCount.value || "0",
      q: text.value.trim(), sort: key, order, offset: String(offset), limit: String(PAGE) });
  }

  async function load(append = false) {
    if (loading) loading.abort();
    loading = new AbortController();
    try {
      const page = await api(query(append ? rows.length : 0), { signal: loading.signal });
      rows = append ? rows.concat(page.rows) : page.rows;
      total = page.total; version = page.version;
      if (!append) active = Math.min(active, Math.max(0, rows.length - 1));
      render();
      setStatus(status, `${total} translations match; showing ${rows.length}.`);
    } catch (e) {
      if (e.name !== "AbortError") setStatus(status, e.message, true);
    }
  }

  function badge(s) { return el("span", { class: `badge ${s}` }, s); }

  function examples(row) {
    return row.examples.slice(0, 2).map(x => el("p", {},
      el("span", { class: "ex-src", lang: row.sourceLanguage }, marked(x.source, rangesOf(x.source, [row.term]))),
      el("br"),
      el("span", { class: "ex-tgt", lang: row.targetLanguage }, marked(x.target, rangesOf(x.target, [row.translation])))));
  }

  function actionButtons(row, i) {
    if (!canWrite) return el("span", { class: "hint" }, "read-only");
    const b = (label, key, action) => el("button", {
      type: "button", "data-action": action, tabindex: "-1",
      "aria-label": `${label} ${row.translation} for ${row.term}`, title: `${label} (${key})`,
      onclick: () => { active = i; act(action); } }, label);
    return el("div", { class: "actions" }, b("Approve", "a", "approve"), b("Reject", "r", "reject"),
      b("Deprecate", "d", "deprecate"), b("Edit", "e", "edit"));
  }

  function rowNode(row, i) {
    const repeat = i > 0 && rows[i - 1].concept === row.concept;
    const changed = row.changed ? el("div", { class: "changed" }, `${row.changed.user || "?"} · ${row.changed.date || ""}`) : null;
    return el("tr", {
      tabindex: i === active ? "0" : "-1", "data-index": i, "data-concept": row.concept,
      "data-status": row.status, class: repeat ? "repeat" : null,
      "aria-label": `${row.term} → ${row.translation}, ${row.status}, score ${row.score.toFixed(2)}` },
      el("td", { class: "term", lang: row.sourceLanguage, "data-label": "Term" }, row.term,
        el("div", { class: "hint" }, `${row.termCount}×`)),
      el("td", { class: "translation", lang: row.targetLanguage, "data-label": "Translation" }, row.translation),
      el("td", { class: "num", "data-label": "Score" }, row.score.toFixed(3)),
      el("td", { class: "num", "data-label": "Count" }, `${row.count}`, el("div", { class: "hint" }, `${row.sourceCount}/${row.targetCount}`)),
      el("td", { class: "status", "data-label": "Status" }, badge(row.status), changed),
      el("td", { class: "examples", "data-label": "Examples" }, examples(row)),
      el("td", { "data-label": "Actions" }, actionButtons(row, i)));
  }

  function render() {
    const hadFocus = body.contains(document.activeElement);
    body.replaceChildren(...rows.map(rowNode));
    if (rows.length === 0) body.replaceChildren(el("tr", {}, el("td", { colspan: "7", class: "hint" }, "Nothing to review with these filters.")));
    more.hidden = rows.length >= total;
    if (hadFocus) focusRow(active);
  }

  function focusRow(i) {
    const trs = body.querySelectorAll("tr[data-index]");
    if (trs.length === 0) return;
    active = Math.max(0, Math.min(i, trs.length - 1));
    trs.forEach(tr => tr.setAttribute("tabindex", "-1"));
    trs[active].setAttribute("tabindex", "0");
    trs[active].focus();
  }

  function replaceRow(i, row) {
    const tr = body.querySelector(`tr[data-index="${i}"]`);
    if (row) { rows[i] = row; tr?.replaceWith(rowNode(row, i)); }
  }

  async function change(payload) {
    return api(base(), { method: "POST", body: payload });
  }

  async function act(action) {
    if (!canWrite) { setStatus(status, "Read-only: this token may only read, or this glossary is a compiled file (see above).", true); return; }
    const row = rows[active];
    if (!row) return;
    if (action === "edit") { startEdit(active); return; }
    try {
      const answer = await change({ concept: row.concept, translation: row.translation, action });
      version = answer.version;
      const i = active;
      if (answer.row) replaceRow(i, answer.row);
      else { rows.splice(i, 1); total -= 1; render(); }
      setStatus(status, `${row.term} → ${row.translation}: ${answer.row ? answer.row.status : "rejected"}.`);
      focusRow(answer.row ? i + 1 : i);
    } catch (e) {
      setStatus(status, e.message, true);
      focusRow(active);
    }
  }

  function startEdit(i) {
    const row = rows[i];
    const tr = body.querySelector(`tr[data-index="${i}"]`);
    const cell = tr.querySelector("td.translation");
    const input = el("input", { type: "text", "aria-label": `New translation of ${row.term}`, value: row.translation });
    editing = i;
    cell.replaceChildren(input);
    input.focus(); input.select();
    input.addEventListener("keydown", async e => {
      e.stopPropagation();
      if (e.key === "Escape") { editing = null; replaceRow(i, row); focusRow(i); }
      if (e.key === "Enter") {
        e.preventDefault();
        const value = input.value.trim();
        if (!value || value === row.translation) { editing = null; replaceRow(i, row); focusRow(i); return; }
        try {
          const answer = await change({ concept: row.concept, translation: row.translation, action: "edit", text: value });
          version = answer.version;
          editing = null;
          replaceRow(i, answer.row);
          setStatus(status, `${row.term}: ${row.translation} → ${value}.`);
          focusRow(i);
        } catch (err) { setStatus(status, err.message, true); }
      }
    });
  }

  body.addEventListener("keydown", e => {
    if (editing !== null || e.target.tagName === "INPUT") return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const keys = { a: "approve", r: "reject", d: "deprecate", e: "edit" };
    if (e.key === "ArrowDown" || e.key === "j") { e.preventDefault(); focusRow(active + 1); }
    else if (e.key === "ArrowUp" || e.key === "k") { e.preventDefault(); focusRow(active - 1); }
    else if (e.key === "Home") { e.preventDefault(); focusRow(0); }
    else if (e.key === "End") { e.preventDefault(); focusRow(rows.length - 1); }
    else if (keys[e.key]) { e.preventDefault(); act(keys[e.key]); }
  });
  body.addEventListener("focusin", e => {
    const tr = e.target.closest("tr[data-index]");
    if (tr) active = Number(tr.dataset.index);
  });

  let bulkArmed = false;
  bulkButton?.addEventListener("click", async () => {
    const score = Number(bulkScore.value);
    const payload = { action: "approve", minScore: score, status: "candidate", q: text.value.trim() };
    try {
      if (!bulkArmed) {
        const dry = await api(base() + "/bulk", { method: "POST", body: { ...payload, dryRun: true } });
        bulkArmed = true;
        bulkButton.textContent = `Confirm: approve ${dry.count}`;
        bulkButton.classList.add("primary");
        setStatus(status, `${dry.count} candidates score ${score} or more. Press again to approve them all.`);
        return;
      }
      const done = await api(base() + "/bulk", { method: "POST", body: payload });
      disarm();
      await load();
      setStatus(status, `Approved ${done.count} candidates scoring ${score} or more; ${total} left with these filters.`);
    } catch (e) { setStatus(status, e.message, true); disarm(); }
  });
  function disarm() {
    bulkArmed = false;
    if (bulkButton) { bulkButton.textContent = "Approve all above score"; bulkButton.classList.remove("primary"); }
  }
  bulkScore?.addEventListener("input", disarm);

  form.addEventListener("submit", e => { e.preventDefault(); load(); });
  for (const c of [statusFilter, sort, minScore, minCount]) c.addEventListener("change", () => load());
  // Another glossary may be read-only (a compiled file): the page is rendered for it anew.
  glossary.addEventListener("change", () => { location.search = "?glossary=" + encodeURIComponent(glossary.value); });
  let typing = 0;
  text.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(() => load(), 200); });
  more.addEventListener("click", () => load(true));

  // Another reviewer's changes: poll the glossary's version and reload when it moved.
  setInterval(async () => {
    if (editing !== null || document.hidden) return;
    try {
      const v = await api(base() + "/version");
      if (v.version !== version) await load();
    } catch { /* the next poll tries again */ }
  }, 5000);

  load();
})();

// The search page: live matches and concordance hits as you type.
// Requests are sent ~100 ms after the last keystroke; a newer keystroke aborts the requests
// still in flight, so only the latest query is ever rendered.
"use strict";

(() => {
  const { api, el, marked, diffed, copy, setStatus } = tmkit;
  const q = document.getElementById("q");
  const memory = document.getElementById("memory");
  const src = document.getElementById("src");
  const tgt = document.getElementById("tgt");
  const minScore = document.getElementById("min-score");
  const status = document.getElementById("status");
  const matchList = document.getElementById("matches");
  const hitList = document.getElementById("concordance");
  const DEBOUNCE_MS = 100;
  let timer = 0, controller = null, lastKey = 0, seq = 0;

  const primary = code => (code || "").toLowerCase().split(/[-_]/)[0];
  const sameLanguage = (a, b) => primary(a) === primary(b);

  function scoreClass(s) {
    return s >= 100 ? "s100" : s >= 90 ? "s90" : s >= 75 ? "s75" : "low";
  }

  function copyButton(text, label) {
    const button = el("button", { type: "button", class: "copy", "aria-label": label }, "Copy");
    button.addEventListener("click", async () => {
      const ok = await copy(text);
      button.textContent = ok ? "Copied" : "Copy failed";
      button.classList.toggle("done", ok);
      setTimeout(() => { button.textContent = "Copy"; button.classList.remove("done"); }, 1500);
    });
    return button;
  }

  function renderMatches(matches) {
    matchList.replaceChildren(...matches.map((m, i) => {
      const origin = [memory.value, `#${m.id}`, m.tuid ? `tuid ${m.tuid}` : null].filter(Boolean).join(" · ");
      return el("li", { class: "match", "data-score": m.score, "data-id": m.id },
        el("div", { class: "head" },
          el("span", { class: `score ${scoreClass(m.score)}`, "aria-label": `score ${m.score}` }, m.score === 101 ? "101%" : `${m.score}%`),
          el("span", { class: "source", lang: m.sourceLanguage }, m.diff ? diffed(m.diff) : m.source)),
        el("div", { class: "target" },
          el("span", { class: "text", lang: m.targetLanguage }, m.target),
          copyButton(m.target, `Copy translation ${i + 1}`)),
        el("div", { class: "meta" },
          m.context ? `context: ${m.context} · ` : "", `${m.sourceLanguage} → ${m.targetLanguage} · ${origin}`));
    }));
    if (matches.length === 0) matchList.replaceChildren(el("li", { class: "hint" }, "No matches at this score."));
  }

  function renderHits(hits) {
    const wanted = hits.filter(h =>
      (sameLanguage(h.sourceLanguage, src.value) && sameLanguage(h.targetLanguage, tgt.value)) ||
      (sameLanguage(h.sourceLanguage, tgt.value) && sameLanguage(h.targetLanguage, src.value)));
    hitList.replaceChildren(...wanted.map((h, i) => {
      const flip = sameLanguage(h.sourceLanguage, tgt.value) && !sameLanguage(h.sourceLanguage, src.value);
      const [a, ar, al, b, br, bl] = flip
        ? [h.target, h.targetHits, h.targetLanguage, h.source, h.sourceHits, h.sourceLanguage]
        : [h.source, h.sourceHits, h.sourceLanguage, h.target, h.targetHits, h.targetLanguage];
      return el("li", { class: "hit", "data-id": h.id },
        el("div", { class: "source", lang: al }, marked(a, ar)),
        el("div", { class: "target" }, el("span", { class: "text", lang: bl }, marked(b, br)),
          copyButton(b, `Copy concordance translation ${i + 1}`)),
        el("div", { class: "meta" }, `${al} → ${bl} · ${memory.value} · #${h.id}`));
    }));
    if (wanted.length === 0) hitList.replaceChildren(el("li", { class: "hint" }, "No concordance hits."));
  }

  async function run() {
    const text = q.value.trim();
    if (controller) controller.abort();
    if (!text) {
      matchList.replaceChildren(); hitList.replaceChildren();
      setStatus(status, "");
      return;
    }
    controller = new AbortController();
    const mine = ++seq, signal = controller.signal, started = lastKey;
    const m = encodeURIComponent(memory.value);
    const lookup = `/api/v1/memories/${m}/lookup?` + new URLSearchParams({
      q: text, diff: "true", limit: "10", minScore: minScore.value, sourceLanguage: src.value, targetLanguage: tgt.value });
    const concordance = `/api/v1/memories/${m}/concordance?` + new URLSearchParams({ q: text, limit: "20" });
    try {
      const [l, c] = await Promise.all([api(lookup, { signal }), api(concordance, { signal })]);
      if (mine !== seq) return;
      renderMatches(l.matches);
      renderHits(c.hits);
      const ms = Math.round(performance.now() - started);
      document.body.dataset.renderedQuery = text;
      document.body.dataset.resultMs = String(ms);
      setStatus(status, `${l.matches.length} matches, ${hitList.querySelectorAll(".hit").length} concordance hits · ${ms} ms after the last keystroke`);
    } catch (e) {
      if (e.name === "AbortError" || mine !== seq) return;
      setStatus(status, e.message, true);
    }
  }

  function schedule() {
    lastKey = performance.now();
    clearTimeout(timer);
    if (controller) { controller.abort(); controller = null; }
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  q.addEventListener("input", schedule);
  for (const s of [memory, src, tgt, minScore]) s.addEventListener("change", schedule);
  document.getElementById("swap").addEventListener("click", () => {
    [src.value, tgt.value] = [tgt.value, src.value];
    schedule();
  });
  // Ctrl+Enter (or Cmd+Enter) in the search box copies the best match's translation.
  q.addEventListener("keydown", e => {
    if (e.key === "Enter") {
      e.preventDefault();
      if (e.ctrlKey || e.metaKey) matchList.querySelector("button.copy")?.click();
      else { clearTimeout(timer); lastKey = performance.now(); run(); }
    }
  });
  if (q.value) schedule();
})();

// tmkit web pages: shared helpers. Every value reaches the page through text nodes
// (textContent / createTextNode), never through innerHTML, so stored text cannot inject markup.
"use strict";

const tmkit = (() => {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

  /** Calls the JSON API with the session cookie; writes carry the CSRF token. */
  async function api(path, { method = "GET", body, signal } = {}) {
    const headers = { Accept: "application/json" };
    if (method !== "GET") headers["X-CSRF-Token"] = csrf;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, {
      method, headers, signal, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      location.href = "/login?next=" + encodeURIComponent(location.pathname + location.search);
      throw new Error("the session has ended; log in again");
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    if (!response.ok) {
      const message = json?.error?.message || `${response.status} ${response.statusText}`;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return json;
  }

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  /** `text` with the code-point ranges [[start, end], …] wrapped in <mark>. */
  function marked(text, ranges) {
    const cps = Array.from(text);
    const out = document.createDocumentFragment();
    const sorted = (ranges || []).map(r => [Math.max(0, r[0]), Math.min(cps.length, r[1])])
      .filter(r => r[0] < r[1]).sort((a, b) => a[0] - b[0]);
    let at = 0;
    for (const [s, e] of sorted) {
      if (s < at) continue;
      if (s > at) out.append(cps.slice(at, s).join(""));
      out.append(el("mark", {}, cps.slice(s, e).join("")));
      at = e;
    }
    if (at < cps.length) out.append(cps.slice(at).join(""));
    return out;
  }

  /** Ranges where any of `needles` occurs in `text` (case-insensitive), as code points. */
  function rangesOf(text, needles) {
    const cps = Array.from(text.toLowerCase());
    const ranges = [];
    for (const needle of needles) {
      const n = Array.from((needle || "").toLowerCase().trim());
      if (n.length === 0) continue;
      outer: for (let i = 0; i + n.length <= cps.length; i++) {
        for (let j = 0; j < n.length; j++) if (cps[i + j] !== n[j]) continue outer;
        ranges.push([i, i + n.length]);
        i += n.length - 1;
      }
    }
    return ranges;
  }

  /** `tm lookup`'s wdiff marks (`[-entry only-]`, `{+query only+}`) as <del>/<ins>. */
  function diffed(diff) {
    const out = document.createDocumentFragment();
    const re = /\[-([\s\S]*?)-\]|\{\+([\s\S]*?)\+\}/g;
    let at = 0, m;
    while ((m = re.exec(diff)) !== null) {
      if (m.index > at) out.append(diff.slice(at, m.index));
      if (m[1] !== undefined) out.append(el("del", { title: "not in your text" }, m[1]));
      else out.append(el("ins", { title: "in your text, not in the memory" }, m[2]));
      at = re.lastIndex;
    }
    if (at < diff.length) out.append(diff.slice(at));
    return out;
  }

  /** Copies `text`; the clipboard API needs a secure context, so fall back to a selection. */
  async function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try { await navigator.clipboard.writeText(text); return true; } catch { /* fall through */ }
    }
    const area = el("textarea", { readonly: true, "aria-hidden": "true" });
    area.value = text;
    area.style.position = "fixed"; area.style.opacity = "0";
    document.body.append(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch { ok = false; }
    area.remove();
    return ok;
  }

  function setStatus(node, message, isError = false) {
    node.textContent = message;
    node.classList.toggle("error", isError);
  }

  return { api, el, marked, rangesOf, diffed, copy, setStatus, csrf };
})();

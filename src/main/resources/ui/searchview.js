// The search card: a question, the results as excerpts linking to their sections, and, when nothing is found, why and
// what to try.

import { api } from "./api.js";
import { clear, el, safeHref } from "./dom.js";
import { excerptElement } from "./excerpt.js";

const $ = (id) => document.getElementById(id);

/**
 * Binds the search form.
 *
 * @param scope () => ({projectId, kbId, kb}) where kb is the knowledgebase as last read, or null
 * @param onError called with an ApiError to show
 * @param onAnswered called when the server answered a search
 */
export function bindSearch({ scope, onError, onAnswered }) {
  $("search-form").addEventListener("submit", (event) => search(event, scope(), onError, onAnswered));
}

/** Forgets the results of a previous knowledgebase. */
export function resetSearch() {
  clear($("results"));
  $("search-status").textContent = "";
}

async function search(event, { projectId, kbId, kb }, onError, onAnswered) {
  event.preventDefault();
  const data = new FormData(event.currentTarget);
  const q = String(data.get("q")).trim();
  const status = $("search-status");
  const results = $("results");
  status.textContent = "Searching…";
  try {
    const hits = await api.query(projectId, kbId, q, Number(data.get("topK")), Number(data.get("scoreThreshold")));
    onAnswered();
    clear(results);
    status.textContent = hits.length > 0 ? `${hits.length} result${hits.length === 1 ? "" : "s"}` : noResults(kb, data);
    for (const hit of hits) results.append(resultItem(hit, q));
  } catch (e) {
    status.textContent = "";
    onError(e);
  }
}

/** Why a search found nothing, and what to try. */
function noResults(kb, data) {
  if (kb && (kb.chunkCount ?? 0) === 0) {
    return "Nothing to search yet: import a site or upload a file above, then search again once it is searchable.";
  }
  return `No result scored ${Number(data.get("scoreThreshold"))} or more. Try other words, or lower the minimum score.`;
}

// A result links to its chunk's section (sourceUrl carries the #anchor when the section has an id) and shows an
// excerpt around the sentence that best matches the question, its Markdown rendered as safe DOM nodes.
function resultItem(hit, q) {
  const href = hit.sourceUrl && safeHref(hit.sourceUrl);
  const title = hit.title || (hit.sourceUrl ? hit.sourceUrl : "Untitled document");
  return el("li", { class: "result" },
    el("div", { class: "result-head" },
      el("h3", { class: "result-title" }, href ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }, title) : title),
      el("span", { class: "score", title: "Relevance score, 0 to 1" }, hit.score.toFixed(3))),
    hit.headingPath && hit.headingPath.length ? el("div", { class: "muted small" }, hit.headingPath.join(" › ")) : null,
    excerptElement(hit.content, q),
    href ? el("a", { class: "source small", href, target: "_blank", rel: "noopener noreferrer" }, hit.sourceUrl) : null);
}

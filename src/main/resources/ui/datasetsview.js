// The datasets card: one page of a knowledgebase's datasets at a time (newest first), found by title or URL, each
// with its chunks (shown on demand, each switched on or off for search) and a delete that asks for confirmation.

import { api } from "./api.js";
import { clear, el, formatBytes, safeHref } from "./dom.js";

const PAGE_SIZE = 20;
const PROCESSING_POLL_MS = 2000;

const $ = (id) => document.getElementById(id);

export class DatasetsView {
  /**
   * @param scope () => ({projectId, kbId})
   * @param onError called with an ApiError to show
   * @param onKnowledgebase called with the knowledgebase (its counts change as datasets come and go)
   */
  constructor({ scope, onError, onKnowledgebase }) {
    this.scope = scope;
    this.onError = onError;
    this.onKnowledgebase = onKnowledgebase;
    this.offset = 0;
    this.keyword = "";
    this.poll = null;
    this.openDataset = null;
    // The dataset whose delete waits for confirmation: a refresh (a job adding pages, say) keeps the question open.
    this.confirming = null;
    $("datasets-refresh").addEventListener("click", () => this.refresh());
    $("datasets-search").addEventListener("submit", (event) => {
      event.preventDefault();
      this.keyword = $("datasets-keyword").value.trim();
      this.offset = 0;
      this.refresh();
    });
    $("datasets-prev").addEventListener("click", () => this.turn(-PAGE_SIZE));
    $("datasets-next").addEventListener("click", () => this.turn(PAGE_SIZE));
    $("chunk-view-close").addEventListener("click", () => this.closeChunks());
  }

  /** Back to the first page, no search, no chunk view: another knowledgebase was chosen. */
  reset() {
    clearTimeout(this.poll);
    this.offset = 0;
    this.keyword = "";
    $("datasets-keyword").value = "";
    this.confirming = null;
    clear($("datasets").querySelector("tbody"));
    this.closeChunks();
  }

  turn(by) {
    this.offset = Math.max(0, this.offset + by);
    this.refresh();
  }

  async refresh() {
    const { projectId, kbId } = this.scope();
    if (!kbId) return;
    clearTimeout(this.poll);
    const { offset, keyword } = this;
    let datasets;
    let kb;
    try {
      // One more than a page tells whether a next page exists, with or without a keyword.
      [datasets, kb] = await Promise.all([
        api.datasets(projectId, kbId, { limit: PAGE_SIZE + 1, offset, keyword }),
        api.knowledgebase(projectId, kbId),
      ]);
    } catch (e) {
      this.onError(e);
      return;
    }
    if (this.scope().kbId !== kbId || this.offset !== offset || this.keyword !== keyword) return;
    if (datasets.length === 0 && offset > 0) {
      // The last dataset of this page was deleted, or the knowledgebase shrank: show the page before.
      this.turn(-PAGE_SIZE);
      return;
    }
    this.onKnowledgebase(kb);
    const hasNext = datasets.length > PAGE_SIZE;
    const shown = datasets.slice(0, PAGE_SIZE);
    this.render(shown, kb, hasNext);
    // Uploads turn parsed without any job event: keep looking while one is still being processed.
    if (shown.some((d) => !d.isParsed && !d.error)) this.poll = setTimeout(() => this.refresh(), PROCESSING_POLL_MS);
  }

  render(datasets, kb, hasNext) {
    const total = kb.datasetCount ?? datasets.length;
    const body = $("datasets").querySelector("tbody");
    clear(body);
    for (const d of datasets) body.append(this.row(d));
    const nothingYet = total === 0 && !this.keyword;
    $("datasets-empty").hidden = !nothingYet;
    $("datasets-search").hidden = nothingYet;
    $("datasets").hidden = datasets.length === 0;
    const first = this.offset + 1;
    const last = this.offset + datasets.length;
    $("datasets-summary").textContent = nothingYet ? "" : this.summary(datasets.length, first, last, total);
    $("datasets-pager").hidden = this.offset === 0 && !hasNext;
    $("datasets-prev").disabled = this.offset === 0;
    $("datasets-next").disabled = !hasNext;
    const pages = this.keyword ? null : Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.floor(this.offset / PAGE_SIZE) + 1;
    $("datasets-page").textContent = pages ? `Page ${page} of ${pages}` : `Page ${page}`;
  }

  summary(count, first, last, total) {
    if (this.keyword) {
      return count === 0 ? `No dataset's title, file name or URL contains “${this.keyword}”.` :
        `Datasets ${first}–${last} whose title, file name or URL contains “${this.keyword}”.`;
    }
    if (total <= PAGE_SIZE) return `${total} dataset${total === 1 ? "" : "s"}, newest first.`;
    return `Datasets ${first}–${last} of ${total}, newest first.`;
  }

  row(d) {
    const name = d.title || d.filename;
    const href = d.sourceUrl && safeHref(d.sourceUrl);
    const doc = el("td", { class: "doc", "data-label": "Document" },
      href ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }, name) : name,
      d.sourceUrl ? el("div", { class: "muted small ellipsis" }, d.sourceUrl) : null);
    const actions = el("td", { class: "actions", "data-label": "" });
    const row = el("tr", { "data-dataset-id": d.id, "data-parsed": String(d.isParsed), "data-removed": String(!!d.removedAt) },
      doc,
      el("td", { "data-label": "Type" }, d.extensionType),
      el("td", { class: "num", "data-label": "Size" }, formatBytes(d.size)),
      el("td", { class: "num", "data-label": "Chunks" }, String(d.chunkCount)),
      el("td", { "data-label": "State" }, ...this.state(d)),
      actions);
    if (d.removedAt) row.classList.add("removed");
    if (this.confirming === d.id) this.confirmDelete(actions, d, name, false);
    else this.showActions(actions, d, name);
    return row;
  }

  /**
   * The state cell: searchable, processing or failed; a dataset its source's last sync marked removed answers no query
   * (whatever its parse state), so it says so, and that it goes once the server's removal grace period has passed.
   */
  state(d) {
    if (d.removedAt) {
      const when = new Date(d.removedAt).toLocaleString();
      return [el("span", { class: "badge gone", title: `Marked removed ${when}` }, "Removed"),
        el("div", { class: "small muted removed-note" }, `Marked removed ${when}: a sync of its source no longer found ` +
          "the page. Left out of search results; deleted when the removal grace period ends, unless a sync finds " +
          "the page again.")];
    }
    const stateText = d.isParsed ? "Searchable" : d.error ? "Failed" : "Processing";
    return [el("span", { class: `badge ${d.isParsed ? "ok" : d.error ? "bad" : "busy"}`, title: d.error || "" }, stateText),
      d.error ? el("div", { class: "small bad" }, d.error) : null];
  }

  showActions(cell, d, name) {
    clear(cell);
    const chunks = el("button", { type: "button", class: "button small action-chunks" }, "Chunks");
    chunks.disabled = d.chunkCount === 0;
    chunks.addEventListener("click", () => this.showChunks(d, name));
    const remove = el("button", { type: "button", class: "button small danger action-delete" }, "Delete");
    remove.addEventListener("click", () => this.confirmDelete(cell, d, name, true));
    cell.append(el("div", { class: "row" }, chunks, remove));
  }

  /** The delete asks first, in the row itself: what goes, and a way back. */
  confirmDelete(cell, d, name, focus) {
    this.confirming = d.id;
    clear(cell);
    const yes = el("button", { type: "button", class: "button small danger confirm-delete" }, "Delete");
    const no = el("button", { type: "button", class: "button small cancel-delete" }, "Keep");
    yes.addEventListener("click", () => this.delete(d, yes));
    no.addEventListener("click", () => {
      this.confirming = null;
      this.showActions(cell, d, name);
    });
    const chunks = `${d.chunkCount} chunk${d.chunkCount === 1 ? "" : "s"}`;
    cell.append(el("div", { class: "confirm", role: "group", "aria-label": `Delete ${name}?` },
      el("p", { class: "small" }, `Delete “${name}” and its ${chunks}? Searches stop finding it at once.`),
      el("div", { class: "row" }, yes, no)));
    if (focus) no.focus();
  }

  async delete(d, button) {
    const { projectId, kbId } = this.scope();
    button.disabled = true;
    try {
      await api.deleteDataset(projectId, kbId, d.id);
      this.confirming = null;
    } catch (e) {
      button.disabled = false;
      this.onError(e);
      return;
    }
    if (this.openDataset === d.id) this.closeChunks();
    await this.refresh();
  }

  async showChunks(d, name) {
    const { projectId, kbId } = this.scope();
    let chunks;
    try {
      chunks = await api.chunks(projectId, kbId, d.id);
    } catch (e) {
      this.onError(e);
      return;
    }
    this.openDataset = d.id;
    const view = $("chunk-view");
    view.dataset.datasetId = d.id;
    $("chunk-view-title").textContent = `Chunks of “${name}”`;
    const list = $("chunk-list");
    clear(list);
    for (const chunk of chunks) list.append(this.chunkItem(d.id, chunk));
    this.summarizeChunks();
    view.hidden = false;
    view.scrollIntoView({ block: "nearest" });
    $("chunk-view-close").focus();
  }

  closeChunks() {
    this.openDataset = null;
    $("chunk-view").hidden = true;
    clear($("chunk-list"));
  }

  summarizeChunks() {
    const items = [...$("chunk-list").children];
    const enabled = items.filter((item) => item.dataset.enabled === "true").length;
    $("chunk-view-summary").textContent = `${items.length} chunk${items.length === 1 ? "" : "s"}, ` +
      `${enabled} used in search. A chunk switched off is never returned by a search.`;
  }

  chunkItem(datasetId, chunk) {
    const toggle = el("input", { type: "checkbox", class: "chunk-toggle", role: "switch" });
    toggle.checked = chunk.isEnabled;
    const item = el("li", { class: "chunk", "data-chunk-id": chunk.id, "data-enabled": String(chunk.isEnabled) },
      el("div", { class: "chunk-head" },
        el("span", { class: "small muted" }, `#${(chunk.position ?? 0) + 1} · ${chunk.contentLength} characters`),
        el("label", { class: "check small" }, toggle, "Used in search")),
      chunk.headingPath && chunk.headingPath.length ? el("div", { class: "small muted" }, chunk.headingPath.join(" › ")) : null,
      el("p", { class: "chunk-text" }, chunk.content));
    toggle.addEventListener("change", () => this.setEnabled(datasetId, item, toggle));
    return item;
  }

  async setEnabled(datasetId, item, toggle) {
    const { projectId, kbId } = this.scope();
    toggle.disabled = true;
    try {
      const chunk = await api.setChunkEnabled(projectId, kbId, datasetId, item.dataset.chunkId, toggle.checked);
      toggle.checked = chunk.isEnabled;
      item.dataset.enabled = String(chunk.isEnabled);
      this.summarizeChunks();
    } catch (e) {
      toggle.checked = !toggle.checked;
      this.onError(e);
    } finally {
      toggle.disabled = false;
    }
  }
}

// The knowledgebase settings card: its name (the one setting that can change) and what was fixed at its creation —
// embedding model, chunk size and overlap — with its contents. Sources (sites kept in sync) will be listed here once
// knowledgebases have them.

import { api } from "./api.js";

const $ = (id) => document.getElementById(id);

export class KbSettings {
  /**
   * @param scope () => ({projectId, kbId})
   * @param onError called with an ApiError to show
   * @param onRenamed called with the knowledgebase after a rename
   */
  constructor({ scope, onError, onRenamed }) {
    this.scope = scope;
    this.onError = onError;
    this.onRenamed = onRenamed;
    this.shownId = null;
    $("kb-rename").addEventListener("submit", (event) => this.rename(event));
  }

  show(kb) {
    // Keep what a person is typing: only a newly chosen knowledgebase replaces the name field.
    if (this.shownId !== kb.id) $("kb-rename-name").value = kb.name;
    this.shownId = kb.id;
    $("setting-model").textContent = kb.embeddingModelName;
    $("setting-chunk-size").textContent = `${kb.chunkSize} characters`;
    $("setting-chunk-overlap").textContent = `${kb.chunkOverlap} characters`;
    $("setting-type").textContent = kb.type;
    const datasets = kb.datasetCount ?? 0;
    const chunks = kb.chunkCount ?? 0;
    $("setting-contents").textContent =
      `${datasets} dataset${datasets === 1 ? "" : "s"}, ${chunks} chunk${chunks === 1 ? "" : "s"}`;
    $("setting-created").textContent = new Date(kb.createdAt).toLocaleString();
  }

  async rename(event) {
    event.preventDefault();
    const { projectId, kbId } = this.scope();
    const button = event.currentTarget.querySelector("button");
    button.disabled = true;
    try {
      const kb = await api.renameKnowledgebase(projectId, kbId, $("kb-rename-name").value.trim());
      this.show(kb);
      this.onRenamed(kb);
    } catch (e) {
      this.onError(e);
    } finally {
      button.disabled = false;
    }
  }
}

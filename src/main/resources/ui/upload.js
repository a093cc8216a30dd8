// The upload panel: the bytes sent while the file goes up, then the file's own progress — read, chunked, embedded —
// until it is searchable or has failed, read from its dataset.

import { api } from "./api.js";
import { formatBytes } from "./dom.js";

const WATCH_MS = 1500;

const $ = (id) => document.getElementById(id);

export class Uploader {
  /**
   * @param scope () => ({projectId, kbId})
   * @param onError called with an ApiError to show
   * @param onStored called once the server has stored the file, and again when it is searchable or has failed
   */
  constructor({ scope, onError, onStored }) {
    this.scope = scope;
    this.onError = onError;
    this.onStored = onStored;
    this.watch = null;
    $("panel-upload").addEventListener("submit", (event) => this.submit(event));
  }

  reset() {
    clearTimeout(this.watch);
    $("upload-progress").hidden = true;
    this.status("");
  }

  status(text, state = "") {
    $("upload-status").textContent = text;
    $("upload-status").dataset.state = state;
  }

  async submit(event) {
    event.preventDefault();
    const input = $("upload-file");
    const file = input.files[0];
    if (!file) return;
    const { projectId, kbId } = this.scope();
    const button = event.currentTarget.querySelector('button[type="submit"]');
    const progress = $("upload-progress");
    clearTimeout(this.watch);
    button.disabled = true;
    progress.hidden = false;
    progress.max = Math.max(1, file.size);
    progress.value = 0;
    this.status(`Sending ${file.name}: 0 B of ${formatBytes(file.size)}`, "sending");
    let accepted;
    try {
      accepted = await api.upload(projectId, kbId, file, (sent, total) => {
        progress.max = Math.max(1, total);
        progress.value = sent;
        this.status(`Sending ${file.name}: ${formatBytes(sent)} of ${formatBytes(total)}`, "sending");
      });
    } catch (e) {
      progress.hidden = true;
      this.status("");
      this.onError(e);
      return;
    } finally {
      button.disabled = false;
    }
    progress.hidden = true;
    input.value = "";
    this.status(`${file.name} is stored; reading and embedding it…`, "processing");
    this.onStored();
    this.follow(projectId, kbId, accepted.id, file.name);
  }

  /** Reads the dataset until it is searchable or failed; stops when another knowledgebase is chosen. */
  async follow(projectId, kbId, datasetId, name) {
    if (this.scope().kbId !== kbId) return;
    let dataset;
    try {
      dataset = await api.dataset(projectId, kbId, datasetId);
    } catch (e) {
      this.onError(e);
      return;
    }
    if (this.scope().kbId !== kbId) return;
    if (dataset.isParsed) {
      const chunks = `${dataset.chunkCount} chunk${dataset.chunkCount === 1 ? "" : "s"}`;
      this.status(`${name} is searchable (${chunks}).`, "searchable");
      this.onStored();
    } else if (dataset.error) {
      this.status(`${name} could not be processed: ${dataset.error}`, "failed");
      this.onStored();
    } else {
      this.watch = setTimeout(() => this.follow(projectId, kbId, datasetId, name), WATCH_MS);
    }
  }
}

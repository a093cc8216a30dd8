// The create-knowledgebase form: a name, and behind "More options" the embedding model, chunk size and overlap.
// Limits and defaults come from the server's own OpenAPI document (schema KnowledgebaseCreate), so the form never
// disagrees with what the API accepts; the API's 400 lists every problem, shown beside the form in plain words.

import { api, ApiError } from "./api.js";
import { clear, el } from "./dom.js";

const $ = (id) => document.getElementById(id);

/** Field names of the API as a person reads them. */
const LABELS = {
  name: "Name",
  type: "Index type",
  embeddingModelName: "Embedding model",
  chunkSize: "Chunk size",
  chunkOverlap: "Chunk overlap",
};
const INPUTS = { name: "kb-name", embeddingModelName: "kb-model", chunkSize: "kb-chunk-size", chunkOverlap: "kb-chunk-overlap" };
const MORE_OPTIONS = ["embeddingModelName", "chunkSize", "chunkOverlap"];

/** "must be less than chunkSize (200)" → "must be less than the chunk size (200)". */
function plainWords(problem) {
  return problem.replace(/\b(embeddingModelName|chunkSize|chunkOverlap)\b/g, (field) => `the ${LABELS[field].toLowerCase()}`);
}

export class KbCreateForm {
  /**
   * @param projectId () => the selected project's id
   * @param onCreated called with the new knowledgebase
   */
  constructor({ projectId, onCreated }) {
    this.projectId = projectId;
    this.onCreated = onCreated;
    this.modelsListed = false; // the models are the deployment's, the same in every project: asked for once
    $("kb-form").addEventListener("submit", (event) => this.submit(event));
    $("kb-more").addEventListener("toggle", () => {
      if ($("kb-more").open) this.listModels();
    });
    this.readLimits();
  }

  /** Sets each field's bounds, default and hint from the API's schema; a form without them still works. */
  async readLimits() {
    let schema;
    try {
      const response = await fetch("/openapi.json", { headers: { Accept: "application/json" } });
      schema = (await response.json()).components.schemas.KnowledgebaseCreate.properties;
    } catch {
      return;
    }
    const size = schema.chunkSize || {};
    const overlap = schema.chunkOverlap || {};
    this.setNumber($("kb-chunk-size"), size);
    this.setNumber($("kb-chunk-overlap"), overlap);
    $("kb-chunk-size-hint").textContent =
      `Characters per chunk, ${size.minimum}–${size.maximum}; default ${size.default}.`;
    $("kb-chunk-overlap-hint").textContent =
      `Characters shared by consecutive chunks, less than the chunk size; default ${overlap.default}, ` +
      `or half the chunk size when that is smaller.`;
    const model = schema.embeddingModelName || {};
    if (model.default) {
      this.defaultModel = model.default;
      if ($("kb-model").options.length === 0) this.fillModels([model.default]);
    }
  }

  setNumber(input, property) {
    if (property.minimum !== undefined) input.min = String(property.minimum);
    if (property.maximum !== undefined) input.max = String(property.maximum);
    if (property.default !== undefined) input.defaultValue = String(property.default);
  }

  fillModels(names) {
    const select = $("kb-model");
    const chosen = select.value || this.defaultModel;
    clear(select);
    for (const name of names) {
      const label = name === this.defaultModel ? `${name} (default)` : name;
      select.append(el("option", { value: name, selected: name === this.defaultModel }, label));
    }
    if (names.includes(chosen)) select.value = chosen;
    $("kb-model-hint").textContent = names.length > 1
      ? `${names.length} models in this deployment. Each embeds text its own way; search compares like with like.`
      : "The one model of this deployment.";
  }

  /** Asks the server which models it offers (GET /v1/embedding-models), once; on failure the default stays offered. */
  async listModels() {
    if (this.modelsListed) return;
    this.modelsListed = true;
    try {
      const models = await api.embeddingModels();
      if (models.length) {
        const preferred = models.find((m) => m.isDefault) || models[0];
        this.defaultModel = preferred.name;
        this.fillModels(models.map((m) => m.name));
      }
    } catch {
      this.modelsListed = false; // opening the options again asks again
    }
  }

  /** The body to send: the name, and each option only when it differs from what the server would choose itself. */
  body() {
    const body = { name: $("kb-name").value.trim() };
    const model = $("kb-model").selectedOptions[0];
    if (model && !model.defaultSelected) body.embeddingModelName = model.value;
    for (const field of ["chunkSize", "chunkOverlap"]) {
      const input = $(INPUTS[field]);
      if (input.value.trim() !== "" && input.value !== input.defaultValue) body[field] = Number(input.value);
    }
    return body;
  }

  async submit(event) {
    event.preventDefault();
    this.hideProblems();
    const button = $("kb-form").querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const kb = await api.createKnowledgebase(this.projectId(), this.body());
      $("kb-form").reset();
      $("kb-more").open = false;
      await this.onCreated(kb);
    } catch (e) {
      this.showProblems(e);
    } finally {
      button.disabled = false;
    }
  }

  showProblems(error) {
    const details = error instanceof ApiError ? error.details : {};
    $("kb-create-error-title").textContent =
      error instanceof ApiError ? `${error.message}.` : String(error && error.message ? error.message : error);
    const list = $("kb-create-error-list");
    clear(list);
    for (const [field, problem] of Object.entries(details)) {
      list.append(el("li", { "data-field": field }, `${LABELS[field] || field} ${plainWords(String(problem))}.`));
      const input = INPUTS[field] && $(INPUTS[field]);
      if (input) input.setAttribute("aria-invalid", "true");
      if (MORE_OPTIONS.includes(field)) $("kb-more").open = true;
    }
    $("kb-create-error").hidden = false;
    const first = Object.keys(details).map((f) => INPUTS[f]).find(Boolean);
    if (first) $(first).focus();
  }

  hideProblems() {
    $("kb-create-error").hidden = true;
    clear($("kb-create-error-list"));
    for (const id of Object.values(INPUTS)) $(id).removeAttribute("aria-invalid");
  }

  /** A project change: problems shown for the last attempt go. */
  reset() {
    this.hideProblems();
  }
}

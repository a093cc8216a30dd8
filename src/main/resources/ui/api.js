// A small client of Gleaner's HTTP API: the developer key in an Authorization header, JSON in and out, and every
// failure turned into an ApiError carrying the server's `message` (safe to show) and `code`.

const KEY_STORAGE = "gleaner.key";

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }

  /** The message with the field problems the server listed, for people. */
  describe() {
    const fields = Object.entries(this.details).map(([field, problem]) => `${field} ${problem}`);
    return fields.length ? `${this.message}: ${fields.join("; ")}` : this.message;
  }
}

export function storedKey() {
  return localStorage.getItem(KEY_STORAGE);
}

export function storeKey(key) {
  localStorage.setItem(KEY_STORAGE, key);
}

export function forgetKey() {
  localStorage.removeItem(KEY_STORAGE);
}

async function errorOf(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's page, say): fall back to the status line.
  }
  const error = body && body.error;
  if (error && typeof error.message === "string") {
    return new ApiError(response.status, error.code, error.message, error.details);
  }
  return new ApiError(response.status, "http_" + response.status, `The server answered ${response.status} ${response.statusText}`);
}

/** The JSON of a successful response, or the ApiError of a failed one. */
async function readResponse(response) {
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return null;
  const type = response.headers.get("Content-Type") || "";
  return type.startsWith("application/json") ? response.json() : response.text();
}

export async function request(method, path, { json, form, signal } = {}) {
  const headers = { Accept: "application/json" };
  const key = storedKey();
  if (key) headers.Authorization = "Bearer " + key;
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = form; // the browser sets the multipart boundary
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body, signal, cache: "no-store" });
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(0, "network", "The server could not be reached");
  }
  return readResponse(response);
}

/**
 * Posts a form like {@link request}, reporting the bytes sent as they go: `onProgress(sent, total)`. fetch() tells
 * nothing about an upload's progress, so this one request goes through XMLHttpRequest.
 */
function postWithProgress(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("Accept", "application/json");
    const key = storedKey();
    if (key) xhr.setRequestHeader("Authorization", "Bearer " + key);
    xhr.responseType = "blob";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      const headers = { "Content-Type": xhr.getResponseHeader("Content-Type") || "" };
      const body = xhr.status === 204 ? null : xhr.response;
      readResponse(new Response(body, { status: xhr.status, statusText: xhr.statusText, headers })).then(resolve, reject);
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "The server could not be reached"));
    xhr.send(form);
  });
}

const enc = encodeURIComponent;

/** The API paths of one knowledgebase. */
export function kbPath(projectId, kbId) {
  return `/v1/projects/${enc(projectId)}/knowledgebases/${enc(kbId)}`;
}

export const api = {
  projects: () => request("GET", "/v1/projects").then((r) => r.data),
  createProject: (name) => request("POST", "/v1/projects", { json: { name } }).then((r) => r.data),
  knowledgebases: (p) => request("GET", `/v1/projects/${enc(p)}/knowledgebases`),
  knowledgebase: (p, kb) => request("GET", kbPath(p, kb)),
  /** body: {name, embeddingModelName?, chunkSize?, chunkOverlap?} */
  createKnowledgebase: (p, body) => request("POST", `/v1/projects/${enc(p)}/knowledgebases`, { json: body }),
  /** The deployment's embedding models, the default first: [{name, isDefault, dimensions?}]. */
  embeddingModels: () => request("GET", "/v1/embedding-models").then((r) => r.data),
  startJob: (p, kb, body) => request("POST", `${kbPath(p, kb)}/crawl`, { json: body }),
  jobs: (p, kb, signal) => request("GET", `${kbPath(p, kb)}/crawl/jobs`, { signal }).then((r) => r.jobs),
  cancelJob: (p, kb, id) => request("POST", `${kbPath(p, kb)}/crawl/jobs/${enc(id)}/cancel`),
  retryJob: (p, kb, id) => request("POST", `${kbPath(p, kb)}/crawl/jobs/${enc(id)}/retry`),
  jobPages: (p, kb, id, outcome, cursor) => {
    const q = new URLSearchParams({ limit: "50" });
    if (outcome) q.set("outcome", outcome);
    if (cursor) q.set("cursor", cursor);
    return request("GET", `${kbPath(p, kb)}/crawl/jobs/${enc(id)}/pages?${q}`);
  },
  eventsToken: (p, kb) => request("POST", `${kbPath(p, kb)}/crawl/events/token`),
  renameKnowledgebase: (p, kb, name) => request("PATCH", kbPath(p, kb), { json: { name } }),
  datasets: (p, kb, { limit, offset = 0, keyword = "" }) => {
    const q = new URLSearchParams({ limit: String(limit), offset: String(offset) });
    if (keyword) q.set("keyword", keyword);
    return request("GET", `${kbPath(p, kb)}/datasets?${q}`);
  },
  dataset: (p, kb, id) => request("GET", `${kbPath(p, kb)}/datasets/${enc(id)}`),
  deleteDataset: (p, kb, id) => request("DELETE", `${kbPath(p, kb)}/datasets/${enc(id)}`),
  chunks: (p, kb, id) => request("GET", `${kbPath(p, kb)}/datasets/${enc(id)}/chunks`),
  setChunkEnabled: (p, kb, id, chunkId, isEnabled) =>
    request("PATCH", `${kbPath(p, kb)}/datasets/${enc(id)}/chunks/${enc(chunkId)}`, { json: { isEnabled } }),
  upload: (p, kb, file, onProgress = () => {}) => {
    const form = new FormData();
    form.append("dataset", file, file.name);
    return postWithProgress(`${kbPath(p, kb)}/datasets`, form, onProgress);
  },
  query: (p, kb, q, topK, scoreThreshold) => {
    const params = new URLSearchParams({ q, topK: String(topK), scoreThreshold: String(scoreThreshold) });
    return request("GET", `${kbPath(p, kb)}/query?${params}`);
  },
};

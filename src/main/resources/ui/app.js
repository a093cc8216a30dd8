// Gleaner's web UI: a key, a project and knowledgebase, imports with live progress, datasets and search.
// The selection lives in the URL hash (#project=…&kb=…) and in localStorage, so a reload shows the same place.

import { api, ApiError, forgetKey, storedKey, storeKey } from "./api.js";
import { clear, el, formatBytes, safeHref } from "./dom.js";
import { excerptElement } from "./excerpt.js";
import { JobFeed } from "./jobfeed.js";
import { isFinished, JobsView } from "./jobsview.js";

const SELECTION_STORAGE = "gleaner.selection";
const DATASET_PAGE = 50;
const DATASET_REFRESH_MS = 1500;

const $ = (id) => document.getElementById(id);

const state = { projectId: null, kbId: null, feed: null, datasetsTimer: null, datasetsPoll: null, outageAlert: false };

const jobsView = new JobsView($("jobs"), $("jobs-empty"), $("job-template"), {
  scope: () => ({ projectId: state.projectId, kbId: state.kbId }),
  onError: showError,
  onChange: (job, previous) => {
    // Datasets appear and turn searchable as a job progresses: refresh them, at most every 1.5 s.
    if (!previous || previous.done !== job.done || isFinished(job) !== isFinished(previous)) scheduleDatasets();
  },
});

// ---------- messages ----------

function showError(error) {
  // A network failure's message goes by itself once the job feed reaches the server again (see selectKb).
  state.outageAlert = error instanceof ApiError && error.code === "network";
  const text = error instanceof ApiError ? error.describe() : String(error && error.message ? error.message : error);
  $("alert-text").textContent = text;
  $("alert").hidden = false;
  if (error instanceof ApiError && error.status === 401) {
    $("alert-text").textContent = `${text}. Check the key, or use “Forget key” to paste another.`;
  }
}

function hideError() {
  state.outageAlert = false;
  $("alert").hidden = true;
  $("alert-text").textContent = "";
}

// ---------- selection (URL hash + localStorage) ----------

function readSelection() {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("project")) return { projectId: hash.get("project"), kbId: hash.get("kb") };
  try {
    return JSON.parse(localStorage.getItem(SELECTION_STORAGE)) || {};
  } catch {
    return {};
  }
}

function saveSelection() {
  const params = new URLSearchParams();
  if (state.projectId) params.set("project", state.projectId);
  if (state.kbId) params.set("kb", state.kbId);
  history.replaceState(null, "", params.toString() ? `#${params}` : location.pathname);
  localStorage.setItem(SELECTION_STORAGE, JSON.stringify({ projectId: state.projectId, kbId: state.kbId }));
}

// ---------- key ----------

function showKeyForm() {
  $("key-section").hidden = false;
  $("workspace").hidden = true;
  $("session").hidden = true;
  $("key-input").value = "";
  $("key-input").focus();
}

async function onKeySubmit(event) {
  event.preventDefault();
  const key = $("key-input").value.trim();
  const error = $("key-error");
  error.hidden = true;
  storeKey(key);
  try {
    await api.projects();
  } catch (e) {
    forgetKey();
    error.textContent = e instanceof ApiError ? e.describe() : String(e);
    error.hidden = false;
    return;
  }
  await enterWorkspace();
}

function onForgetKey() {
  forgetKey();
  stopFeed();
  jobsView.reset();
  state.projectId = null;
  state.kbId = null;
  hideError();
  showKeyForm();
}

async function enterWorkspace() {
  const key = storedKey();
  $("key-section").hidden = true;
  $("workspace").hidden = false;
  $("session").hidden = false;
  $("key-hint").textContent = `Key …${key.slice(-4)}`;
  const selection = readSelection();
  await loadProjects(selection.projectId, selection.kbId);
}

// ---------- projects and knowledgebases ----------

function fillSelect(select, items, selectedId, emptyLabel) {
  clear(select);
  if (items.length === 0) select.append(el("option", { value: "" }, emptyLabel));
  for (const item of items) select.append(el("option", { value: item.id }, item.name));
  select.value = selectedId || "";
  select.disabled = items.length === 0;
}

async function loadProjects(wantedProject, wantedKb) {
  let projects;
  try {
    projects = await api.projects();
  } catch (e) {
    showError(e);
    return;
  }
  const chosen = projects.find((p) => p.id === wantedProject) || projects[0];
  fillSelect($("project-select"), projects, chosen && chosen.id, "No project yet: create one");
  await selectProject(chosen ? chosen.id : null, wantedKb);
}

async function selectProject(projectId, wantedKb) {
  state.projectId = projectId;
  if (!projectId) {
    fillSelect($("kb-select"), [], null, "Create a project first");
    $("kb-form").querySelector("button").disabled = true;
    await selectKb(null);
    return;
  }
  $("kb-form").querySelector("button").disabled = false;
  let kbs = [];
  try {
    kbs = await api.knowledgebases(projectId);
  } catch (e) {
    showError(e);
  }
  const chosen = kbs.find((k) => k.id === wantedKb) || kbs[0];
  fillSelect($("kb-select"), kbs, chosen && chosen.id, "No knowledgebase yet: create one");
  await selectKb(chosen ? chosen.id : null);
}

function stopFeed() {
  if (state.feed) state.feed.stop();
  state.feed = null;
  clearTimeout(state.datasetsTimer);
  clearTimeout(state.datasetsPoll);
  state.datasetsTimer = null;
}

async function selectKb(kbId) {
  stopFeed();
  jobsView.reset();
  state.kbId = kbId;
  saveSelection();
  clear($("results"));
  $("search-status").textContent = "";
  $("invalid-urls").hidden = true;
  $("kb-area").hidden = !kbId;
  $("kb-summary").textContent = "";
  if (!kbId) return;
  const feed = new JobFeed(state.projectId, kbId, {
    onJob: (job) => jobsView.upsert(job),
    onState: (s) => {
      $("feed-state").textContent = {
        connecting: "Connecting…",
        live: "Live",
        polling: "Updating every 2 s",
      }[s];
      $("feed-state").dataset.state = s;
    },
    onError: (error) => {
      showError(error);
      state.outageAlert = true;
    },
    // The feed's own errors and any network failure's message go once the server answers the feed again; a message
    // about something else (a rejected form, say) stays.
    onRecover: () => {
      if (state.outageAlert) hideError();
    },
  });
  state.feed = feed;
  refreshDatasets();
  await feed.start();
}

async function onCreateProject(event) {
  event.preventDefault();
  const input = $("project-name");
  try {
    const project = await api.createProject(input.value.trim());
    input.value = "";
    hideError();
    await loadProjects(project.id, null);
    $("kb-name").focus();
  } catch (e) {
    showError(e);
  }
}

async function onCreateKb(event) {
  event.preventDefault();
  const input = $("kb-name");
  try {
    const kb = await api.createKnowledgebase(state.projectId, input.value.trim());
    input.value = "";
    hideError();
    await selectProject(state.projectId, kb.id);
    $("crawl-url").focus();
  } catch (e) {
    showError(e);
  }
}

// ---------- imports ----------

function selectTab(tab) {
  for (const other of document.querySelectorAll('[role="tab"]')) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute("aria-controls")).hidden = !selected;
  }
}

function onTabKey(event) {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const index = tabs.indexOf(event.target);
  const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  const tab = tabs[(next + tabs.length) % tabs.length];
  selectTab(tab);
  tab.focus();
}

function crawlBody(form) {
  const data = new FormData(form);
  const mode = form.dataset.mode;
  if (mode === "batch") {
    const urls = String(data.get("urls")).split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    return { mode, urls };
  }
  const body = { mode, url: String(data.get("url")).trim(), limit: Number(data.get("limit")) };
  if (mode === "crawl") {
    body.maxDepth = Number(data.get("maxDepth"));
    body.sitemap = data.get("sitemap");
    body.crawlEntireDomain = data.get("crawlEntireDomain") === "on";
    body.allowSubdomains = data.get("allowSubdomains") === "on";
  }
  return body;
}

async function onStartJob(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    const accepted = await api.startJob(state.projectId, state.kbId, crawlBody(form));
    hideError();
    if (form.dataset.mode === "batch") showInvalidUrls(accepted.invalidUrls || []);
    await state.feed.pollOnce();
    const banner = document.querySelector(`[data-job-id="${CSS.escape(accepted.jobId)}"]`);
    if (banner) banner.focus();
  } catch (e) {
    showError(e);
  } finally {
    button.disabled = false;
  }
}

function showInvalidUrls(invalid) {
  const box = $("invalid-urls");
  const list = $("invalid-urls-list");
  clear(list);
  box.hidden = invalid.length === 0;
  $("invalid-urls-title").textContent =
    `${invalid.length} line${invalid.length === 1 ? " is" : "s are"} not a valid URL and ${invalid.length === 1 ? "was" : "were"} left out:`;
  for (const url of invalid) list.append(el("li", {}, el("code", {}, url)));
}

async function onUpload(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const input = $("upload-file");
  const file = input.files[0];
  if (!file) return;
  const status = $("upload-status");
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  status.textContent = `Uploading ${file.name}…`;
  try {
    await api.upload(state.projectId, state.kbId, file);
    hideError();
    status.textContent = `${file.name} uploaded; it becomes searchable once parsed (see Datasets).`;
    input.value = "";
    refreshDatasets();
  } catch (e) {
    status.textContent = "";
    showError(e);
  } finally {
    button.disabled = false;
  }
}

// ---------- datasets ----------

function scheduleDatasets() {
  if (state.datasetsTimer) return;
  state.datasetsTimer = setTimeout(() => {
    state.datasetsTimer = null;
    refreshDatasets();
  }, DATASET_REFRESH_MS);
}

async function refreshDatasets() {
  const { projectId, kbId } = state;
  if (!kbId) return;
  clearTimeout(state.datasetsPoll);
  let datasets;
  let kb;
  try {
    [datasets, kb] = await Promise.all([api.datasets(projectId, kbId, DATASET_PAGE), api.knowledgebase(projectId, kbId)]);
  } catch (e) {
    showError(e);
    return;
  }
  if (state.kbId !== kbId) return;
  renderDatasets(datasets, kb);
  // Uploads turn parsed without any job event: keep looking while one is still being processed.
  if (datasets.some((d) => !d.isParsed && !d.error)) state.datasetsPoll = setTimeout(refreshDatasets, 2000);
}

function renderDatasets(datasets, kb) {
  const body = $("datasets").querySelector("tbody");
  clear(body);
  $("datasets").hidden = datasets.length === 0;
  const total = kb.datasetCount ?? datasets.length;
  $("kb-summary").textContent = `${kb.name}: ${total} dataset${total === 1 ? "" : "s"}, ${kb.chunkCount ?? 0} chunks, ` +
    `model ${kb.embeddingModelName}, chunks of ${kb.chunkSize} characters`;
  $("datasets-summary").textContent = total === 0 ? "No dataset yet." :
    total > datasets.length ? `The newest ${datasets.length} of ${total}.` : `${total} dataset${total === 1 ? "" : "s"}.`;
  for (const d of datasets) {
    const name = d.title || d.filename;
    const href = d.sourceUrl && safeHref(d.sourceUrl);
    const doc = el("td", { class: "doc", "data-label": "Document" },
      href ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }, name) : name,
      d.sourceUrl ? el("div", { class: "muted small ellipsis" }, d.sourceUrl) : null);
    const stateText = d.isParsed ? "Searchable" : d.error ? "Failed" : "Processing";
    const badge = el("span", { class: `badge ${d.isParsed ? "ok" : d.error ? "bad" : "busy"}`, title: d.error || "" }, stateText);
    body.append(el("tr", { "data-dataset-id": d.id, "data-parsed": String(d.isParsed) },
      doc,
      el("td", { "data-label": "Type" }, d.extensionType),
      el("td", { class: "num", "data-label": "Size" }, formatBytes(d.size)),
      el("td", { class: "num", "data-label": "Chunks" }, String(d.chunkCount)),
      el("td", { "data-label": "State" }, badge, d.error ? el("div", { class: "small bad" }, d.error) : null)));
  }
}

// ---------- search ----------

async function onSearch(event) {
  event.preventDefault();
  const data = new FormData(event.currentTarget);
  const q = String(data.get("q")).trim();
  const status = $("search-status");
  const results = $("results");
  status.textContent = "Searching…";
  try {
    const hits = await api.query(state.projectId, state.kbId, q, Number(data.get("topK")), Number(data.get("scoreThreshold")));
    hideError();
    clear(results);
    status.textContent = hits.length === 0 ? "No result above the minimum score." : `${hits.length} result${hits.length === 1 ? "" : "s"}`;
    for (const hit of hits) results.append(resultItem(hit, q));
  } catch (e) {
    status.textContent = "";
    showError(e);
  }
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

// ---------- start ----------

function bind() {
  $("key-form").addEventListener("submit", onKeySubmit);
  $("forget-key").addEventListener("click", onForgetKey);
  $("alert-close").addEventListener("click", hideError);
  $("project-select").addEventListener("change", (e) => selectProject(e.target.value || null, null));
  $("kb-select").addEventListener("change", (e) => selectKb(e.target.value || null));
  $("project-form").addEventListener("submit", onCreateProject);
  $("kb-form").addEventListener("submit", onCreateKb);
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", onTabKey);
  }
  for (const id of ["panel-crawl", "panel-sitemap", "panel-batch"]) $(id).addEventListener("submit", onStartJob);
  $("panel-upload").addEventListener("submit", onUpload);
  $("datasets-refresh").addEventListener("click", refreshDatasets);
  $("search-form").addEventListener("submit", onSearch);
  window.addEventListener("hashchange", () => {
    const wanted = readSelection();
    if (storedKey() && (wanted.projectId !== state.projectId || wanted.kbId !== state.kbId)) {
      loadProjects(wanted.projectId, wanted.kbId);
    }
  });
}

bind();
if (storedKey()) enterWorkspace();
else showKeyForm();

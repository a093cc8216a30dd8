// Gleaner's web UI: a key, a project and knowledgebase, imports with live progress, datasets and search.
// The selection lives in the URL hash (#project=…&kb=…) and in localStorage, so a reload shows the same place.

import { api, ApiError, forgetKey, storedKey, storeKey } from "./api.js";
import { DatasetsView } from "./datasetsview.js";
import { clear, el } from "./dom.js";
import { bindImports, resetImports } from "./imports.js";
import { JobFeed } from "./jobfeed.js";
import { isFinished, JobsView } from "./jobsview.js";
import { KbCreateForm } from "./kbcreate.js";
import { KbSettings } from "./kbsettings.js";
import { bindSearch, resetSearch } from "./searchview.js";
import { SourcesView } from "./sourcesview.js";
import { Uploader } from "./upload.js";

const SELECTION_STORAGE = "gleaner.selection";
const DATASET_REFRESH_MS = 1500;

const $ = (id) => document.getElementById(id);

const state = {
  projectId: null,
  kbId: null,
  kb: null,
  hasProjects: false,
  hasKnowledgebases: false,
  feed: null,
  datasetsTimer: null,
  outageAlert: false,
};
const scope = () => ({ projectId: state.projectId, kbId: state.kbId });

const jobsView = new JobsView($("jobs"), $("jobs-empty"), $("job-template"), {
  scope,
  onError: showError,
  onChange: (job, previous) => {
    // Datasets appear and turn searchable as a job progresses: refresh them, at most every 1.5 s.
    if (!previous || previous.done !== job.done || isFinished(job) !== isFinished(previous)) scheduleDatasets();
  },
});

const sourcesView = new SourcesView($("sources"), $("sources-empty"), {
  scope,
  onError: showError,
  onSynced: (jobId) => onAccepted(jobId),
});
const datasetsView = new DatasetsView({ scope, onError: showError, onKnowledgebase: showKnowledgebase });
const kbSettings = new KbSettings({
  scope,
  onError: showError,
  onRenamed: (kb) => {
    hideError();
    showKnowledgebase(kb);
    const option = [...$("kb-select").options].find((o) => o.value === kb.id);
    if (option) option.textContent = kb.name;
  },
});
const kbCreateForm = new KbCreateForm({
  projectId: () => state.projectId,
  onCreated: async (kb) => {
    hideError();
    await selectProject(state.projectId, kb.id);
    $("crawl-url").focus();
  },
});
const uploader = new Uploader({ scope, onError: showError, onStored: () => datasetsView.refresh() });

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
  sourcesView.reset();
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
  state.hasProjects = projects.length > 0;
  await selectProject(chosen ? chosen.id : null, wantedKb);
}

async function selectProject(projectId, wantedKb) {
  state.projectId = projectId;
  kbCreateForm.reset();
  if (!projectId) {
    fillSelect($("kb-select"), [], null, "Create a project first");
    $("kb-form").querySelector("button[type=submit]").disabled = true;
    await selectKb(null);
    return;
  }
  $("kb-form").querySelector("button[type=submit]").disabled = false;
  let kbs = [];
  try {
    kbs = await api.knowledgebases(projectId);
  } catch (e) {
    showError(e);
  }
  const chosen = kbs.find((k) => k.id === wantedKb) || kbs[0];
  fillSelect($("kb-select"), kbs, chosen && chosen.id, "No knowledgebase yet: create one");
  state.hasKnowledgebases = kbs.length > 0;
  await selectKb(chosen ? chosen.id : null);
}

function stopFeed() {
  if (state.feed) state.feed.stop();
  state.feed = null;
  clearTimeout(state.datasetsTimer);
  state.datasetsTimer = null;
}

async function selectKb(kbId) {
  stopFeed();
  jobsView.reset();
  state.kbId = kbId;
  saveSelection();
  resetSearch();
  resetImports();
  $("kb-area").hidden = !kbId;
  $("kb-summary").textContent = "";
  state.kb = null;
  datasetsView.reset();
  sourcesView.reset();
  uploader.reset();
  showScopeGuide();
  if (!kbId) return;
  const feed = new JobFeed(state.projectId, kbId, {
    onJob: (job) => {
      jobsView.upsert(job);
      // A sync's progress and end change its source's last result.
      if (job.sourceId) sourcesView.refreshSoon();
    },
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
  datasetsView.refresh();
  sourcesView.refresh();
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

// ---------- imports and knowledgebase ----------

/** A job the server accepted: its banner shows at once, and takes the focus. */
async function onAccepted(jobId) {
  hideError();
  await state.feed.pollOnce();
  const banner = document.querySelector(`[data-job-id="${CSS.escape(jobId)}"]`);
  if (banner) banner.focus();
}

function scheduleDatasets() {
  if (state.datasetsTimer) return;
  state.datasetsTimer = setTimeout(() => {
    state.datasetsTimer = null;
    datasetsView.refresh();
  }, DATASET_REFRESH_MS);
}

function showKnowledgebase(kb) {
  if (kb.id !== state.kbId) return;
  state.kb = kb;
  const datasets = kb.datasetCount ?? 0;
  $("kb-summary").textContent = `${kb.name}: ${datasets} dataset${datasets === 1 ? "" : "s"}, ${kb.chunkCount ?? 0} chunks, ` +
    `model ${kb.embeddingModelName}, chunks of ${kb.chunkSize} characters`;
  kbSettings.show(kb);
}

/** What to do next when there is no project or no knowledgebase yet. */
function showScopeGuide() {
  const text = !state.hasProjects
    ? "No project yet. A project groups knowledgebases: type a name under Project and choose “Create project”."
    : !state.hasKnowledgebases
      ? "This project has no knowledgebase yet. A knowledgebase holds the pages and files you import and answers " +
        "searches: type a name under Knowledgebase and choose “Create knowledgebase”."
      : "";
  $("scope-guide-text").textContent = text;
  $("scope-guide").hidden = !text;
}

// ---------- start ----------

function bind() {
  $("key-form").addEventListener("submit", onKeySubmit);
  $("forget-key").addEventListener("click", onForgetKey);
  $("alert-close").addEventListener("click", hideError);
  $("project-select").addEventListener("change", (e) => selectProject(e.target.value || null, null));
  $("kb-select").addEventListener("change", (e) => selectKb(e.target.value || null));
  $("project-form").addEventListener("submit", onCreateProject);
  $("sources-refresh").addEventListener("click", () => sourcesView.refresh());
  bindImports({ scope, onError: showError, onAccepted });
  bindSearch({ scope: () => ({ ...scope(), kb: state.kb }), onError: showError, onAnswered: hideError });
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

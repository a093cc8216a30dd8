// The import panels: the tab strip (arrow keys move between tabs), the crawl, sitemap and URL list forms turned into
// crawl requests, and the lines of a URL list the server left out as invalid.

import { api } from "./api.js";
import { clear, el } from "./dom.js";

const $ = (id) => document.getElementById(id);

/**
 * Binds the import tabs and forms.
 *
 * @param scope () => ({projectId, kbId})
 * @param onError called with an ApiError to show
 * @param onAccepted called with the id of a job the server accepted
 */
export function bindImports({ scope, onError, onAccepted }) {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", onTabKey);
  }
  for (const id of ["panel-crawl", "panel-sitemap", "panel-batch"]) {
    $(id).addEventListener("submit", (event) => startJob(event, scope(), onError, onAccepted));
  }
}

/** Hides what a previous knowledgebase's URL list left out. */
export function resetImports() {
  $("invalid-urls").hidden = true;
}

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

async function startJob(event, { projectId, kbId }, onError, onAccepted) {
  event.preventDefault();
  const form = event.currentTarget;
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    const accepted = await api.startJob(projectId, kbId, crawlBody(form));
    if (form.dataset.mode === "batch") showInvalidUrls(accepted.invalidUrls || []);
    await onAccepted(accepted.jobId);
  } catch (e) {
    onError(e);
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

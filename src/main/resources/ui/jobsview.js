// One banner per job: status, a progress bar (done + failed of total), counts, elapsed time and rate, the reason a job
// failed, the cancel / retry buttons when they apply, and a drill-down of the URLs by outcome.

import { api } from "./api.js";
import { clear, el, formatDuration, safeHref } from "./dom.js";
import { OUTCOMES, outcomeExplanation, outcomeLabel, SKIP_REASONS, SKIPPED_NOTE, skippedPhrase, changesLine } from "./outcomes.js";

const MODE_LABELS = { crawl: "Crawl", sitemap: "Sitemap", batch: "URL list" };
const FINISHED = new Set(["completed", "failed", "cancelled"]);

export function isFinished(job) {
  return FINISHED.has(job.status);
}

/** Whether `next` is at least as recent as `prev` (stream and polls may interleave; never step back). */
function newer(prev, next) {
  if (!prev) return true;
  if (next.updatedAt !== prev.updatedAt) return next.updatedAt > prev.updatedAt;
  if (isFinished(prev) && !isFinished(next)) return false;
  return next.done + next.failed >= prev.done + prev.failed && next.total >= prev.total;
}

export class JobsView {
  constructor(container, emptyNote, template, { scope, onError, onChange }) {
    this.container = container;
    this.emptyNote = emptyNote;
    this.template = template;
    this.scope = scope; // () => ({projectId, kbId})
    this.onError = onError;
    this.onChange = onChange; // (job, previous) after a banner changed
    this.jobs = new Map();
    this.banners = new Map();
    this.ticker = setInterval(() => this.tick(), 1000);
  }

  reset() {
    this.jobs.clear();
    this.banners.clear();
    clear(this.container);
    this.emptyNote.hidden = false;
  }

  upsert(job) {
    const previous = this.jobs.get(job.jobId);
    if (!newer(previous, job)) return;
    this.jobs.set(job.jobId, job);
    let banner = this.banners.get(job.jobId);
    if (!banner) {
      banner = this.createBanner(job.jobId);
      this.banners.set(job.jobId, banner);
      this.place(banner, job);
    }
    this.render(banner, job);
    this.emptyNote.hidden = true;
    this.onChange(job, previous);
  }

  /** Newest first, like the jobs listing. */
  place(banner, job) {
    const after = [...this.container.children].find((other) => {
      const otherJob = this.jobs.get(other.dataset.jobId);
      return otherJob && otherJob.startedAt < job.startedAt;
    });
    this.container.insertBefore(banner.root, after || null);
  }

  createBanner(jobId) {
    const root = this.template.content.firstElementChild.cloneNode(true);
    root.dataset.jobId = jobId;
    const q = (selector) => root.querySelector(selector);
    const banner = {
      root,
      mode: q(".mode"),
      url: q(".job-url"),
      status: q(".status"),
      bar: q(".bar"),
      fill: q(".bar-fill"),
      done: q(".stat-done"),
      failed: q(".stat-failed"),
      elapsed: q(".stat-elapsed"),
      rate: q(".stat-rate"),
      skipped: q(".stat-skipped"),
      skippedBox: q(".skipped"),
      skippedList: q(".skipped-list"),
      skippedNote: q(".skipped-note"),
      error: q(".job-error"),
      changes: q(".job-changes"),
      details: q(".action-details"),
      retry: q(".action-retry"),
      cancel: q(".action-cancel"),
      drill: q(".drill"),
      outcome: q(".drill-outcome"),
      rows: q(".drill-table tbody"),
      drillEmpty: q(".drill-empty"),
      more: q(".drill-more"),
      cursor: null,
      drillId: `drill-${jobId}`,
    };
    banner.status.setAttribute("role", "status");
    banner.drill.id = banner.drillId;
    banner.details.setAttribute("aria-controls", banner.drillId);
    banner.cancel.addEventListener("click", () => this.act(banner, "cancel"));
    banner.retry.addEventListener("click", () => this.act(banner, "retry"));
    banner.details.addEventListener("click", () => this.toggleDrill(banner));
    for (const outcome of OUTCOMES) banner.outcome.append(el("option", { value: outcome.value }, outcome.label));
    banner.outcome.append(el("option", { value: "" }, "All"));
    banner.outcome.addEventListener("change", () => this.loadPages(banner, false));
    banner.more.addEventListener("click", () => this.loadPages(banner, true));
    return banner;
  }

  render(banner, job) {
    const processed = job.done + job.failed;
    banner.root.dataset.status = job.status;
    banner.mode.textContent = MODE_LABELS[job.mode] || job.mode;
    banner.url.textContent = job.url || `${job.total} URL${job.total === 1 ? "" : "s"}`;
    banner.url.title = job.url || "";
    banner.status.textContent = job.status;
    banner.status.className = `status status-${job.status}`;
    const percent = job.total > 0 ? Math.min(100, (processed / job.total) * 100) : isFinished(job) ? 100 : 0;
    banner.fill.style.width = `${percent.toFixed(1)}%`;
    banner.bar.setAttribute("aria-valuemax", String(job.total));
    banner.bar.setAttribute("aria-valuenow", String(processed));
    banner.bar.setAttribute("aria-valuetext", `${processed} of ${job.total} URLs processed`);
    banner.bar.setAttribute("aria-label", `Progress of ${banner.mode.textContent} ${job.url || ""}`.trim());
    banner.bar.classList.toggle("indeterminate", !isFinished(job) && job.total === 0);
    banner.done.textContent = `${job.done} / ${job.total}`;
    banner.failed.textContent = String(job.failed);
    banner.failed.classList.toggle("bad", job.failed > 0);
    this.renderSkipped(banner, job.skipped || {});
    // A finished job's change report: what it did to the knowledgebase.
    banner.changes.hidden = !isFinished(job) || !job.changes;
    banner.changes.textContent = banner.changes.hidden ? "" : changesLine(job);
    // `error` says why a job failed; a finished job may also carry one as a hint (why a crawl stayed small, say).
    banner.error.hidden = !job.error;
    banner.error.textContent = !job.error ? "" : job.status === "failed" ? `Failed: ${job.error}` : job.error;
    banner.error.classList.toggle("hint", job.status !== "failed");
    banner.cancel.hidden = isFinished(job);
    banner.retry.hidden = !(job.failed > 0 && (job.status === "completed" || job.status === "failed"));
    this.renderClock(banner, job);
  }

  /** The skipped total, then one plain phrase per reason ("383 links to other sites") and why that is normal. */
  renderSkipped(banner, skipped) {
    const reasons = SKIP_REASONS.filter((reason) => skipped[reason] > 0).sort((a, b) => skipped[b] - skipped[a]);
    const total = reasons.reduce((sum, reason) => sum + skipped[reason], 0);
    banner.skipped.textContent = String(total);
    banner.skippedBox.hidden = total === 0;
    clear(banner.skippedList);
    for (const reason of reasons) {
      banner.skippedList.append(el("li", { "data-reason": reason }, skippedPhrase(reason, skipped[reason])));
    }
    banner.skippedNote.textContent = SKIPPED_NOTE;
  }

  renderClock(banner, job) {
    const started = Date.parse(job.startedAt);
    const end = job.finishedAt ? Date.parse(job.finishedAt) : isFinished(job) ? Date.parse(job.updatedAt) : Date.now();
    const seconds = Math.max(0, (end - started) / 1000);
    banner.elapsed.textContent = formatDuration(seconds);
    const processed = job.done + job.failed;
    banner.rate.textContent = seconds >= 0.5 && processed > 0 ? `${(processed / seconds).toFixed(1)} pages/s` : "–";
  }

  tick() {
    for (const [id, banner] of this.banners) {
      const job = this.jobs.get(id);
      if (job && !isFinished(job)) this.renderClock(banner, job);
    }
  }

  async act(banner, action) {
    const { projectId, kbId } = this.scope();
    const jobId = banner.root.dataset.jobId;
    const button = action === "cancel" ? banner.cancel : banner.retry;
    button.disabled = true;
    try {
      const job = action === "cancel" ? await api.cancelJob(projectId, kbId, jobId) : await api.retryJob(projectId, kbId, jobId);
      this.upsert(job);
    } catch (e) {
      this.onError(e);
    } finally {
      button.disabled = false;
    }
  }

  toggleDrill(banner) {
    const open = banner.drill.hidden;
    banner.drill.hidden = !open;
    banner.details.setAttribute("aria-expanded", String(open));
    banner.details.textContent = open ? "Hide details" : "Details";
    if (open) {
      const job = this.jobs.get(banner.root.dataset.jobId);
      banner.outcome.value = defaultOutcome(job);
      this.loadPages(banner, false);
    }
  }

  async loadPages(banner, more) {
    const { projectId, kbId } = this.scope();
    const jobId = banner.root.dataset.jobId;
    if (!more) {
      clear(banner.rows);
      banner.cursor = null;
    }
    banner.more.disabled = true;
    try {
      const page = await api.jobPages(projectId, kbId, jobId, banner.outcome.value, banner.cursor);
      for (const p of page.pages) banner.rows.append(pageRow(p));
      banner.cursor = page.nextCursor || null;
      banner.more.hidden = !banner.cursor;
      banner.drillEmpty.hidden = banner.rows.children.length > 0;
    } catch (e) {
      this.onError(e);
    } finally {
      banner.more.disabled = false;
    }
  }
}

/** Failed URLs when there are some, else the most common reason a URL was skipped, else everything. */
function defaultOutcome(job) {
  if (!job) return "failed";
  if (job.failed > 0) return "failed";
  const skipped = job.skipped || {};
  const top = SKIP_REASONS.filter((k) => skipped[k] > 0).sort((a, b) => skipped[b] - skipped[a])[0];
  return top || "";
}

function pageRow(p) {
  const href = safeHref(p.url);
  const link = href ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }, p.url) : p.url;
  return el(
    "tr",
    { "data-outcome": p.outcome },
    el("td", { class: "url-cell", "data-label": "URL" }, link),
    el("td", { class: "outcome", "data-label": "Outcome" }, outcomeLabel(p.outcome)),
    el("td", { class: "reason", "data-label": "Reason" }, p.reason || outcomeExplanation(p.outcome) || outcomeLabel(p.outcome)),
    el("td", { "data-label": "HTTP" }, p.httpStatus ? String(p.httpStatus) : ""),
    el("td", { "data-label": "Depth" }, String(p.depth)),
  );
}

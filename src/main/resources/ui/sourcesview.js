// The Sources card: the knowledgebase's saved crawls and their schedules — what each syncs, when it runs next, how
// its last sync ended (status and what it changed), and a "Sync now" button. A sync is an ordinary job: its banner
// shows in the Jobs card.

import { kbPath, request } from "./api.js";
import { clear, el } from "./dom.js";

const enc = encodeURIComponent;

export const sourcesApi = {
  list: (p, kb) => request("GET", `${kbPath(p, kb)}/sources`).then((r) => r.data),
  sync: (p, kb, id) => request("POST", `${kbPath(p, kb)}/sources/${enc(id)}/sync`),
};

/** The schedule in words: every 6 h, a cron expression (UTC), or on demand only. */
export function scheduleText(schedule) {
  if (!schedule) return "Synced on demand only";
  if (schedule.every) return `Every ${intervalText(schedule.every)}`;
  return `Cron ${schedule.cron} (UTC)`;
}

function intervalText(iso) {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!match) return iso;
  const [, d, h, m, s] = match.map((v) => Number(v ?? 0));
  const parts = [];
  if (d) parts.push(`${d} day${d === 1 ? "" : "s"}`);
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  if (s) parts.push(`${s} s`);
  return parts.join(" ") || iso;
}

/** What the source syncs: a crawl or sitemap of a URL, or a list of URLs. */
function whatText(request) {
  if (request.mode === "batch") return `List of ${request.urls.length} URL${request.urls.length === 1 ? "" : "s"}`;
  return `${request.mode === "sitemap" ? "Sitemap of" : "Crawl of"} ${request.url}`;
}

/** The last sync: its status and what it changed, in words. */
export function lastSyncText(lastJob) {
  if (!lastJob) return "Not synced yet";
  const c = lastJob.changes;
  const counts = `${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.removed} removed`;
  const when = lastJob.finishedAt ? ` at ${new Date(lastJob.finishedAt).toLocaleString()}` : "";
  return `Last sync ${lastJob.status}${when}: ${counts}`;
}

export class SourcesView {
  /**
   * @param list the element the sources are listed in
   * @param empty the guide shown when there is none
   * @param scope () => ({projectId, kbId})
   * @param onError called with an ApiError to show
   * @param onSynced called with the job id of a sync started here
   */
  constructor(list, empty, { scope, onError, onSynced }) {
    this.list = list;
    this.empty = empty;
    this.scope = scope;
    this.onError = onError;
    this.onSynced = onSynced;
    this.timer = null;
    this.generation = 0;
  }

  reset() {
    this.generation += 1;
    clearTimeout(this.timer);
    this.timer = null;
    clear(this.list);
    this.empty.hidden = true;
  }

  /** Reads the sources again soon (a job of a source changed): at most once a second. */
  refreshSoon() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh();
    }, 1000);
  }

  async refresh() {
    const { projectId, kbId } = this.scope();
    if (!kbId) return;
    const generation = this.generation;
    try {
      const sources = await sourcesApi.list(projectId, kbId);
      if (generation !== this.generation) return;
      this.render(sources);
    } catch (e) {
      if (generation === this.generation) this.onError(e);
    }
  }

  render(sources) {
    clear(this.list);
    this.empty.hidden = sources.length > 0;
    for (const source of sources) this.list.append(this.item(source));
  }

  item(source) {
    const button = el("button", { type: "button", class: "button small" }, "Sync now");
    button.addEventListener("click", () => this.sync(source, button));
    const lines = [
      el("p", { class: "source-what" }, whatText(source.request)),
      el("p", { class: "muted small source-schedule" },
        scheduleText(source.schedule) +
          (source.nextRunAt ? ` · next run ${new Date(source.nextRunAt).toLocaleString()}` : "")),
      el("p", { class: "small source-last", "data-status": source.lastJob?.status ?? "none" },
        lastSyncText(source.lastJob)),
    ];
    if (source.lastSkipped) {
      lines.push(el("p", { class: "muted small source-skipped" },
        `Skipped a run at ${new Date(source.lastSkipped.at).toLocaleString()}: ${source.lastSkipped.reason}`));
    }
    return el("li", { class: "source-item", "data-source-id": source.id },
      el("div", { class: "section-head" }, el("strong", {}, source.name ?? source.id), button),
      ...lines);
  }

  async sync(source, button) {
    const { projectId, kbId } = this.scope();
    button.disabled = true;
    try {
      const job = await sourcesApi.sync(projectId, kbId, source.id);
      await this.refresh();
      this.onSynced(job.jobId);
    } catch (e) {
      this.onError(e);
    } finally {
      button.disabled = false;
    }
  }
}

// The live jobs of one knowledgebase. It reads the job events stream (see the events protocol: a short-lived token from
// POST …/crawl/events/token, then an EventSource with ?token=; on error or expiry a new token and ?lastEventId= to
// resume). While the stream is not open — and for good when the server has no events route — it polls
// GET …/crawl/jobs every two seconds instead, so the page stays correct either way.

import { api, kbPath } from "./api.js";

const POLL_MS = 2000;
const MAX_BACKOFF_MS = 15000;
/** Statuses of a server without the events route: the UI then polls only. */
const NO_STREAM = new Set([404, 405, 501]);

export class JobFeed {
  /**
   * @param onJob called with every Job received, from the stream or a poll
   * @param onState called with "connecting", "live" (the stream is open) or "polling" (it is not; the listing is read
   *     every two seconds while the stream is tried again, if the server has one)
   * @param onError called with an ApiError a poll met
   * @param onRecover called when the server answers again (a poll succeeded or the stream opened), so the page can drop
   *     what it said about an error of this feed
   */
  constructor(projectId, kbId, { onJob, onState, onError, onRecover = () => {} }) {
    this.projectId = projectId;
    this.kbId = kbId;
    this.onJob = onJob;
    this.onState = onState;
    this.onError = onError;
    this.onRecover = onRecover;
    this.stopped = false;
    this.source = null;
    this.lastEventId = null;
    this.failures = 0;
    this.pollTimer = null;
    this.reconnectTimer = null;
    this.pollAbort = null;
  }

  async start() {
    this.onState("connecting");
    await this.pollOnce();
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.closeSource();
    this.stopPolling();
    clearTimeout(this.reconnectTimer);
    if (this.pollAbort) this.pollAbort.abort();
  }

  /** Reads the jobs listing once (after a job was started, say), whatever the mode. */
  async pollOnce() {
    if (this.stopped) return;
    const abort = new AbortController();
    this.pollAbort = abort;
    try {
      const jobs = await api.jobs(this.projectId, this.kbId, abort.signal);
      if (this.stopped) return;
      jobs.forEach((job) => this.onJob(job));
      this.onRecover();
    } catch (e) {
      if (e.name !== "AbortError" && !this.stopped) this.onError(e);
    }
  }

  async connect() {
    if (this.stopped) return;
    let token;
    try {
      token = (await api.eventsToken(this.projectId, this.kbId)).token;
    } catch (e) {
      if (this.stopped) return;
      this.startPolling();
      if (NO_STREAM.has(e.status)) {
        // An older server: no events route. Polling is the way, for as long as this page lives.
        return;
      }
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) return;
    const params = new URLSearchParams({ token });
    if (this.lastEventId) params.set("lastEventId", this.lastEventId);
    const source = new EventSource(`${kbPath(this.projectId, this.kbId)}/crawl/events?${params}`);
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      this.failures = 0;
      this.stopPolling();
      this.onState("live");
      this.onRecover();
    };
    source.addEventListener("job", (event) => {
      if (this.source !== source) return;
      if (event.lastEventId) this.lastEventId = event.lastEventId;
      let job;
      try {
        job = JSON.parse(event.data);
      } catch {
        return;
      }
      this.onJob(job);
    });
    source.onerror = () => {
      if (this.source !== source) return;
      // The token lasts a minute and EventSource would retry with the same URL: close, mint a new one, resume.
      this.closeSource();
      if (this.stopped) return;
      this.startPolling();
      this.scheduleReconnect();
    };
  }

  scheduleReconnect() {
    this.failures += 1;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.failures, 5));
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  closeSource() {
    if (this.source) {
      this.source.close();
      this.source = null;
    }
  }

  startPolling() {
    if (this.pollTimer || this.stopped) return;
    this.onState("polling");
    this.pollTimer = setInterval(() => this.pollOnce(), POLL_MS);
  }

  stopPolling() {
    clearInterval(this.pollTimer);
    this.pollTimer = null;
  }
}

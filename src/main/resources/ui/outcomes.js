// What became of a URL, in plain words: the one place where the API's outcome words (ingested, outOfScope, …) and the
// reasons a job skipped URLs are turned into what a person reads. Every outcome the pages listing can report is here.

/** Every outcome of the pages listing, in the order the filter menu lists them, with a label and an explanation. */
export const OUTCOMES = [
  { value: "failed", label: "Failed", explain: "The page could not be fetched or read." },
  { value: "unsupported", label: "File type not supported", explain: "The page is of a type that cannot be read." },
  { value: "ingested", label: "Added", explain: "Added to the knowledgebase; it is searchable." },
  { value: "updated", label: "Updated", explain: "It had changed: its dataset now holds the new text." },
  { value: "unchanged", label: "Unchanged", explain: "Already in the knowledgebase with the same text; nothing to do." },
  { value: "duplicate", label: "Same text as another page", explain: "Its text is already in the knowledgebase under another address." },
  { value: "noindex", label: "Asks not to be indexed", explain: "The page asks search engines not to index it (noindex)." },
  { value: "empty", label: "Nothing to index", explain: "The page has no text of its own (only links or headings); its links were still followed." },
  { value: "outOfScope", label: "Link to another site", explain: "Outside what the job covers (another site, or outside the start path): not fetched." },
  { value: "overLimit", label: "Over the page limit", explain: "Found after the job's page limit was reached: not fetched." },
  { value: "robots", label: "Blocked by robots.txt", explain: "The site's robots.txt asks crawlers not to fetch it." },
  { value: "removed", label: "Removed", explain: "A complete sync of its source no longer found this page (gone, or no longer linked or listed): its dataset was removed." },
  { value: "cancelled", label: "Cancelled", explain: "The job was cancelled before this page was processed." },
  { value: "pending", label: "Waiting", explain: "Waiting to be fetched." },
  { value: "processing", label: "In progress", explain: "Being fetched and read right now." },
];

const BY_VALUE = new Map(OUTCOMES.map((o) => [o.value, o]));

/** The label of an outcome; an outcome this page does not know is shown as the server named it. */
export function outcomeLabel(outcome) {
  const known = BY_VALUE.get(outcome);
  return known ? known.label : outcome;
}

/** The plain explanation of an outcome, for a URL the server gave no reason for. */
export function outcomeExplanation(outcome) {
  const known = BY_VALUE.get(outcome);
  return known ? known.explain : "";
}

/** The reasons a job skips a URL (the keys of a job's `skipped`), as counted phrases: "383 links to other sites". */
const SKIP_WORDS = {
  outOfScope: ["link to another site", "links to other sites"],
  overLimit: ["over the page limit", "over the page limit"],
  robots: ["blocked by robots.txt", "blocked by robots.txt"],
  duplicate: ["repeated URL", "repeated URLs"],
};

export const SKIP_REASONS = Object.keys(SKIP_WORDS);

/** A finished job's change report as one line: "3 new · 1 updated · 40 unchanged · 2 removed · 1 failed". */
export function changesLine(job) {
  const changes = job.changes || {};
  return [
    `${changes.new || 0} new`,
    `${changes.updated || 0} updated`,
    `${changes.unchanged || 0} unchanged`,
    `${changes.removed || 0} removed`,
    `${job.failed || 0} failed`,
  ].join(" · ");
}

/** "1 link to another site", "461 over the page limit". */
export function skippedPhrase(reason, count) {
  const [one, many] = SKIP_WORDS[reason] || [reason, reason];
  return `${count} ${count === 1 ? one : many}`;
}

/** Why skipping is normal, said once under the counts. */
export const SKIPPED_NOTE =
  "Skipped URLs were found but not fetched. That is normal: sites link to other sites, and the page limit stops a crawl.";


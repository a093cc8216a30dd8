// The excerpt of a query result: the chunk's sentence sharing the most terms with the question, with the sentence
// before it when that one starts a sentence and as many after it as fit, at most MAX_CHARS characters of text,
// starting at a sentence, rendered from the chunk's Markdown as DOM nodes of a safe subset (headings, emphasis, inline
// code, code blocks, lists, links with http(s) addresses) — never as HTML.
//
// The command line has the same algorithm in dev.gleaner.client.Excerpt (it prints plain text); the page runs it here
// because the UI is plain ES modules served as they are, with no build step to share code with the Java client. Keep
// the two in step.

import { el, safeHref } from "./dom.js";

export const MAX_CHARS = 320;
const MAX_SENTENCES_BEFORE = 1;
const ELLIPSIS = "…";

const FENCE = /^\s*(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}/;
const BULLET = /^\s*[-*+]\s+/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+/;
const QUOTE = /^\s*(?:>\s?)+/;
const WORD = /[\p{L}\p{N}]+/gu;
const STOP_WORDS = new Set(("a an and are as at be by can do does for from how i if in is it my of on or the to what when "
  + "where which who why with you your").split(" "));
// Inline Markdown: code span | image | link | strong | emphasis.
const INLINE = /(`+)([^`]+?)\1|!\[([^\]]*)\]\(([^)]*)\)|\[([^\]]*)\]\(([^)\s]*)[^)]*\)|(\*\*|__)(?=\S)(.+?)(?<=\S)\7|(?<![\p{L}\p{N}_*])([*_])(?=\S)(.+?)(?<=\S)\9(?![\p{L}\p{N}_*])/gu;

/** Plain text of inline Markdown: images and links keep their text, emphasis and code spans lose their marks. */
export function plainInline(md) {
  return md.replace(INLINE, (m, tick, code, alt, src, text, href, strongMark, strong, emMark, em) =>
    code ?? alt ?? (text !== undefined ? plainInline(text) : plainInline(strong ?? em ?? "")));
}

/** The distinct words of a text, lower-cased and lightly stemmed, without stop words. */
export function terms(text) {
  const found = new Set();
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    if (!STOP_WORDS.has(word)) found.add(stem(word));
  }
  return found;
}

/** Folds the commonest English endings: a plural s, then ing or ed, then a final e. */
export function stem(word) {
  let s = word;
  if (s.length > 3 && s.endsWith("s") && !s.endsWith("ss")) s = s.slice(0, -1);
  if (s.length > 5 && s.endsWith("ing")) s = s.slice(0, -3);
  else if (s.length > 4 && s.endsWith("ed")) s = s.slice(0, -2);
  if (s.length > 4 && s.endsWith("e")) s = s.slice(0, -1);
  return s;
}

function sentences(md) {
  if (typeof Intl !== "undefined" && Intl.Segmenter) {
    return [...new Intl.Segmenter("en", { granularity: "sentence" }).segment(md)].map((s) => s.segment);
  }
  return md.split(/(?<=[.!?])\s+(?=\S)/);
}

/**
 * The chunk as units in order, each {kind, md, plain, block}: a heading, a sentence of a paragraph or quote, a list
 * item (list: "ul" or "ol", one block per list), a table row, or a code block (kind "code", md is its text).
 */
export function units(markdown) {
  const out = [];
  let block = 0;
  let paragraph = [];
  let code = null;
  let list = null;
  const add = (unit) => {
    unit.plain = unit.plain.replace(/\s+/g, " ").trim();
    if (unit.plain) out.push(unit);
  };
  const flush = () => {
    if (paragraph.length) {
      for (const sentence of sentences(paragraph.join(" "))) {
        add({ kind: "sentence", md: sentence.trim(), plain: plainInline(sentence), block });
      }
      paragraph = [];
      block++;
    }
  };
  const endList = () => {
    if (list) {
      list = null;
      block++;
    }
  };
  for (const line of markdown.replace(/\r\n/g, "\n").split("\n")) {
    if (code) {
      if (FENCE.test(line)) {
        add({ kind: "code", md: code.join("\n"), plain: code.join(" "), block: block++ });
        code = null;
      } else {
        code.push(line);
      }
      continue;
    }
    const heading = HEADING.exec(line);
    if (FENCE.test(line)) {
      flush(); endList();
      code = [];
    } else if (heading) {
      flush(); endList();
      add({ kind: "heading", md: heading[1], plain: plainInline(heading[1]), block: block++ });
    } else if (!line.trim() || TABLE_RULE.test(line)) {
      flush();
      if (!line.trim()) endList();
    } else if (BULLET.test(line) || NUMBERED.test(line)) {
      flush();
      const kind = BULLET.test(line) ? "ul" : "ol";
      if (list !== kind) { endList(); list = kind; }
      const md = line.replace(kind === "ul" ? BULLET : NUMBERED, "");
      add({ kind: "item", list: kind, md, plain: plainInline(md), block });
    } else if (line.trim().startsWith("|")) {
      flush(); endList();
      const md = line.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim()).filter(Boolean).join(" · ");
      add({ kind: "row", md, plain: plainInline(md), block: block++ });
    } else {
      endList();
      paragraph.push(line.replace(QUOTE, ""));
    }
  }
  if (code) add({ kind: "code", md: code.join("\n"), plain: code.join(" "), block: block++ });
  flush();
  return out;
}

/**
 * Which units the excerpt shows: {from, to (exclusive), best, cut}; cut is the best unit's text shortened at a word
 * when it alone is longer than maxChars. Null for a chunk without text.
 */
export function choose(markdown, question, maxChars = MAX_CHARS) {
  const all = units(markdown);
  if (!all.length) return null;
  const wanted = terms(question);
  // Without a matching unit, the first that starts a sentence (a chunk may open with the tail of one).
  let best = Math.max(0, all.findIndex((unit) => startsSentence(unit.plain)));
  let bestCount = 0;
  all.forEach((unit, i) => {
    const count = [...terms(unit.plain)].filter((t) => wanted.has(t)).length;
    if (count > bestCount) { best = i; bestCount = count; }
  });
  const chosen = all[best];
  if (chosen.plain.length > maxChars) {
    return { units: all, from: best, to: best + 1, best, cut: cutAtWord(chosen.kind === "code" ? chosen.md : chosen.plain, maxChars) };
  }
  let from = best;
  let to = best + 1;
  let length = chosen.plain.length;
  // Context stays in the best unit's section: no heading before it, none after it.
  while (best - from < MAX_SENTENCES_BEFORE && from > 0 && chosen.kind !== "heading"
    && all[from - 1].kind !== "heading" && startsSentence(all[from - 1].plain)
    && length + 1 + all[from - 1].plain.length <= maxChars) {
    from--;
    length += 1 + all[from].plain.length;
  }
  while (to < all.length && all[to].kind !== "heading" && length + 1 + all[to].plain.length <= maxChars) {
    length += 1 + all[to].plain.length;
    to++;
  }
  return { units: all, from, to, best, cut: null };
}

/** Not the tail of a sentence cut by the chunk's start: does not begin with a lower-case letter. */
function startsSentence(text) {
  return !/^\p{Ll}/u.test(text);
}

function cutAtWord(text, maxChars) {
  let end = maxChars;
  while (end > 0 && !/\s/.test(text[end])) end--;
  return text.slice(0, end > 0 ? end : maxChars).trimEnd();
}

/** The excerpt of a chunk's Markdown for a question, as a DOM element (classes "result-text excerpt"). */
export function excerptElement(markdown, question, maxChars = MAX_CHARS) {
  const root = el("div", { class: "result-text excerpt" });
  const picked = choose(markdown, question, maxChars);
  if (!picked) return root;
  const { units: all, from, to, cut } = picked;
  if (cut !== null) {
    const unit = all[from];
    root.append(unit.kind === "code" ? el("pre", {}, el("code", {}, cut + ELLIPSIS)) : el("p", {}, cut + ELLIPSIS));
    if (from > 0) markGap(root, "before");
    return root;
  }
  let i = from;
  while (i < to) {
    const unit = all[i];
    if (unit.kind === "heading") {
      root.append(el("h4", { class: "excerpt-heading" }, ...inlineNodes(unit.md)));
      i++;
    } else if (unit.kind === "code") {
      root.append(el("pre", {}, el("code", {}, unit.md)));
      i++;
    } else if (unit.kind === "item") {
      const items = el(unit.list);
      for (; i < to && all[i].kind === "item" && all[i].block === unit.block; i++) {
        items.append(el("li", {}, ...inlineNodes(all[i].md)));
      }
      root.append(items);
    } else {
      const sentencesOfBlock = [];
      for (; i < to && all[i].block === unit.block && (all[i].kind === "sentence" || all[i].kind === "row"); i++) {
        sentencesOfBlock.push(all[i].md);
      }
      root.append(el("p", {}, ...inlineNodes(sentencesOfBlock.join(" "))));
    }
  }
  if (from > 0) markGap(root, "before");
  if (to < all.length) markGap(root, "after");
  return root;
}

/** An ellipsis for text left out, inside the paragraph at that end when there is one, else on a line of its own. */
function markGap(root, where) {
  const edge = where === "before" ? root.firstElementChild : root.lastElementChild;
  const gap = el("span", { class: "excerpt-gap", title: "text left out" }, ELLIPSIS);
  if (edge && edge.tagName === "P") {
    if (where === "before") edge.prepend(gap, " ");
    else edge.append(" ", gap);
  } else if (where === "before") {
    root.prepend(gap);
  } else {
    root.append(gap);
  }
}

/** Inline Markdown as nodes: text, code, strong, em, and links whose address is http(s) (others stay text). */
export function inlineNodes(md) {
  const nodes = [];
  let last = 0;
  for (const m of md.matchAll(INLINE)) {
    if (m.index > last) nodes.push(md.slice(last, m.index));
    const [, tick, code, alt, , text, href, strongMark, strong, emMark, em] = m;
    if (tick) nodes.push(el("code", {}, code));
    else if (alt !== undefined) nodes.push(alt);
    else if (text !== undefined) {
      const url = safeHref(href);
      nodes.push(url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, ...inlineNodes(text))
        : el("span", {}, ...inlineNodes(text)));
    } else if (strongMark) nodes.push(el("strong", {}, ...inlineNodes(strong)));
    else if (emMark) nodes.push(el("em", {}, ...inlineNodes(em)));
    last = m.index + m[0].length;
  }
  if (last < md.length) nodes.push(md.slice(last));
  return nodes;
}

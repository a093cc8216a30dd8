/**
 * Rendering pages that need JavaScript: {@link dev.gleaner.render.ChromiumRenderer}, the adapter of the pipeline's
 * {@link dev.gleaner.pipeline.Renderer} port, drives one headless Chromium over the DevTools protocol and answers
 * every request a page makes itself, through the crawler's fetcher and its outbound address guard.
 */
@NullMarked
package dev.gleaner.render;

import org.jspecify.annotations.NullMarked;

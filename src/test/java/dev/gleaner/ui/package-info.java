/** End-to-end tests of the web UI in a real headless Chromium, driven by Selenium. */
@NullMarked
package dev.gleaner.ui;

import org.jspecify.annotations.NullMarked;

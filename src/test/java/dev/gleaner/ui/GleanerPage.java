package dev.gleaner.ui;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web UI as a person uses it: what the tests type and click, and what they read back, by element. */
final class GleanerPage {
    static final Duration UI_STEP = Duration.ofSeconds(15);

    private final WebDriver driver;
    private final String origin;

    GleanerPage(WebDriver driver, String origin) {
        this.driver = driver;
        this.origin = origin;
    }

    /** A job's banner as shown: its status and the numbers on it. */
    record Banner(String jobId, String status, String done, String failed, String elapsed, String rate) {}

    void open() {
        driver.get(origin + "/");
    }

    WebDriverWait waitUpTo(Duration duration) {
        // Lists are re-rendered as data arrives: an element read a moment ago may be gone; look again.
        WebDriverWait wait = new WebDriverWait(driver, duration, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Polls {@code probe} until it gives a value (to Selenium, null means "not yet"), and returns that value. */
    String awaitValue(Duration within, Function<WebDriver, @Nullable String> probe) {
        return Objects.requireNonNull(waitUpTo(within).until(probe));
    }

    WebElement visible(By by) {
        return waitUpTo(UI_STEP).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void pasteKey(String key) {
        WebElement input = visible(By.id("key-input"));
        input.sendKeys(key);
        driver.findElement(By.cssSelector("#key-form button[type=submit]")).click();
        visible(By.id("project-name"));
    }

    void createProject(String name) {
        visible(By.id("project-name")).sendKeys(name);
        driver.findElement(By.cssSelector("#project-form button[type=submit]")).click();
        waitUpTo(UI_STEP).until(d -> selectedText("project-select").equals(name));
    }

    void createKnowledgebase(String name) {
        visible(By.id("kb-name")).sendKeys(name);
        driver.findElement(By.cssSelector("#kb-form button[type=submit]")).click();
        waitUpTo(UI_STEP).until(d -> selectedText("kb-select").equals(name));
        visible(By.id("kb-area"));
    }

    String selectedText(String selectId) {
        Object text = js().executeScript(
                        "const s = document.getElementById(arguments[0]);"
                                + " return s.selectedIndex >= 0 ? s.options[s.selectedIndex].text : '';",
                        selectId);
        return Objects.requireNonNullElse((String) text, "");
    }

    /** The selection the page keeps in its URL: {@code project} and {@code kb}. */
    Map<String, String> hashSelection() {
        String hash = Objects.requireNonNull((String) js().executeScript("return location.hash.slice(1);"));
        java.util.HashMap<String, String> values = new java.util.HashMap<>();
        for (String pair : hash.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return values;
    }

    void tab(String mode) {
        visible(By.id("tab-" + mode)).click();
        visible(By.id("panel-" + mode));
    }

    void startCrawl(String url, int limit, int maxDepth) {
        tab("crawl");
        replace(By.id("crawl-url"), url);
        replace(By.id("crawl-limit"), String.valueOf(limit));
        replace(By.id("crawl-depth"), String.valueOf(maxDepth));
        driver.findElement(By.cssSelector("#panel-crawl button[type=submit]")).click();
    }

    void startBatch(List<String> lines) {
        tab("batch");
        replace(By.id("batch-urls"), String.join("\n", lines));
        driver.findElement(By.cssSelector("#panel-batch button[type=submit]")).click();
    }

    void upload(java.nio.file.Path file) {
        tab("upload");
        driver.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("#panel-upload button[type=submit]")).click();
    }

    void replace(By by, String text) {
        WebElement field = visible(by);
        field.clear();
        field.sendKeys(text);
    }

    List<WebElement> banners() {
        return driver.findElements(By.cssSelector("#jobs .job"));
    }

    WebElement bannerElement(String jobId) {
        return visible(By.cssSelector("#jobs .job[data-job-id='" + jobId + "']"));
    }

    /** Waits until the one banner of the page shows a finished job, and returns its id. */
    String awaitOnlyBannerFinished(Duration within) {
        return awaitValue(within, d -> {
            List<WebElement> all = banners();
            if (all.size() != 1) {
                return null;
            }
            String status = all.getFirst().getAttribute("data-status");
            return List.of("completed", "failed", "cancelled").contains(status)
                    ? all.getFirst().getAttribute("data-job-id")
                    : null;
        });
    }

    /** Waits until the newest banner shows a finished job other than those in {@code known}, and returns its id. */
    String awaitNewBannerFinished(List<String> known, Duration within) {
        return awaitValue(within, d -> {
            for (WebElement banner : banners()) {
                String id = banner.getAttribute("data-job-id");
                if (id != null && !known.contains(id)) {
                    String status = banner.getAttribute("data-status");
                    return List.of("completed", "failed", "cancelled").contains(status) ? id : null;
                }
            }
            return null;
        });
    }

    Banner banner(String jobId) {
        WebElement root = bannerElement(jobId);
        return new Banner(
                jobId,
                root.findElement(By.cssSelector(".status")).getText().toLowerCase(java.util.Locale.ROOT),
                root.findElement(By.cssSelector(".stat-done")).getText(),
                root.findElement(By.cssSelector(".stat-failed")).getText(),
                root.findElement(By.cssSelector(".stat-elapsed")).getText(),
                root.findElement(By.cssSelector(".stat-rate")).getText());
    }

    boolean buttonShown(String jobId, String action) {
        return bannerElement(jobId)
                .findElement(By.cssSelector(".action-" + action))
                .isDisplayed();
    }

    /** Opens the job's drill-down showing {@code outcome} and returns its rows as they appear (one load). */
    List<WebElement> drillDown(String jobId, String outcome, int expectedRows) {
        WebElement root = bannerElement(jobId);
        WebElement details = root.findElement(By.cssSelector(".action-details"));
        if ("false".equals(details.getAttribute("aria-expanded"))) {
            details.click();
        }
        new Select(root.findElement(By.cssSelector(".drill-outcome"))).selectByValue(outcome);
        By rows = By.cssSelector(".drill-table tbody tr[data-outcome='" + outcome + "']");
        waitUpTo(UI_STEP).until(d -> root.findElements(rows).size() == expectedRows);
        return root.findElements(rows);
    }

    List<WebElement> datasetRows() {
        return driver.findElements(By.cssSelector("#datasets tbody tr"));
    }

    void awaitDatasets(int count, Duration within) {
        waitUpTo(within).until(d -> {
            List<WebElement> rows = datasetRows();
            return rows.size() == count && rows.stream().allMatch(r -> "true".equals(r.getAttribute("data-parsed")));
        });
    }

    List<WebElement> search(String q, int topK, double threshold) {
        replace(By.id("search-q"), q);
        replace(By.id("search-topk"), String.valueOf(topK));
        replace(By.id("search-threshold"), String.valueOf(threshold));
        driver.findElement(By.cssSelector("#search-form button[type=submit]")).click();
        waitUpTo(UI_STEP).until(d -> !driver.findElements(By.cssSelector("#results .result"))
                .isEmpty());
        return driver.findElements(By.cssSelector("#results .result"));
    }

    /** Whether the page's message area (errors the server or the network caused) is shown. */
    boolean alertShown() {
        return driver.findElement(By.id("alert")).isDisplayed();
    }

    String alertText() {
        return driver.findElement(By.id("alert-text")).getText();
    }

    String feedState() {
        return Objects.requireNonNullElse(
                driver.findElement(By.id("feed-state")).getAttribute("data-state"), "");
    }

    JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }
}

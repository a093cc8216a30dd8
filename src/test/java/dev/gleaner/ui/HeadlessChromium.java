package dev.gleaner.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium (Debian packages {@code chromium} and {@code chromium-driver}) driven headless by Selenium
 * through the system's chromedriver, with a fresh profile per instance. Nothing is downloaded: both executables are
 * named, so Selenium Manager has nothing to look for. When either is missing, {@link #start} fails with the packages to
 * install; a browser test never skips silently.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("gleaner.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("gleaner.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A browser window of {@code width} x {@code height} CSS pixels. */
    static HeadlessChromium start(int width, int height) {
        return start(width, height, false);
    }

    /**
     * A browser window that also records the DevTools network events of its pages in chromedriver's performance log,
     * read with {@code driver().manage().logs().get(LogType.PERFORMANCE)}.
     */
    static HeadlessChromium startRecordingNetwork(int width, int height) {
        return start(width, height, true);
    }

    private static HeadlessChromium start(int width, int height, boolean recordNetwork) {
        requireExecutable(CHROMIUM, "chromium");
        requireExecutable(CHROMEDRIVER, "chromium-driver");
        Path profile;
        try {
            profile = Files.createTempDirectory("gleaner-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--lang=en-US",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        if (recordNetwork) {
            options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL"));
            options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File(profile.toFile(), "chromedriver.log"))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().window().setSize(new Dimension(width, height));
        return new HeadlessChromium(driver, profile);
    }

    private static void requireExecutable(Path path, String debianPackage) {
        if (!Files.isExecutable(path)) {
            throw new AssertionError(path + " is missing: the web UI tests need a real browser. Install the Debian"
                    + " packages chromium and chromium-driver (apt-get install chromium chromium-driver; package "
                    + debianPackage + " provides " + path.getFileName() + "), or name other executables with"
                    + " -Dgleaner.chromium=… and -Dgleaner.chromedriver=….");
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Resizes the viewport (not the outer window) to {@code width} x {@code height} CSS pixels. */
    void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        Object inner = driver.executeScript("return [window.innerWidth, window.innerHeight];");
        if (inner instanceof java.util.List<?> sizes && sizes.size() == 2) {
            int dw = width - ((Number) sizes.get(0)).intValue();
            int dh = height - ((Number) sizes.get(1)).intValue();
            if (dw != 0 || dh != 0) {
                driver.manage().window().setSize(new Dimension(width + dw, height + dh));
            }
        }
    }

    /** Saves what the viewport shows as {@code target/screenshots/<name>.png} and returns the file. */
    Path viewportScreenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.write(target, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the whole page (beyond the viewport) as {@code target/screenshots/<name>.png} and returns the file. */
    Path screenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<?, ?> content = (Map<?, ?>) Objects.requireNonNull(metrics.get("cssContentSize"));
        Object viewportWidth = driver.executeScript("return document.documentElement.clientWidth;");
        double width = ((Number) Objects.requireNonNull(viewportWidth)).doubleValue();
        double height = ((Number) Objects.requireNonNull(content.get("height"))).doubleValue();
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.write(target, Base64.getDecoder().decode((String) Objects.requireNonNull(shot.get("data"))));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A profile left in the temporary directory is harmless.
        }
    }
}

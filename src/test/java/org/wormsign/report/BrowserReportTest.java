package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.wormsign.cli.Main;

/**
 * The report in a real browser (Debian's chromium, headless, through chromedriver): it loads with no
 * console error, every chart decodes, the sources filter and sorting work, and log lines carrying markup
 * or script in any field change nothing on the page.
 */
class BrowserReportTest {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static ChromeDriver driver;
    @TempDir static Path reports;

    @BeforeAll
    static void startBrowser() {
        boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        // CI installs them (.ci/run); there a missing browser is a failure, not a skip.
        if (System.getenv("CI") != null) assertTrue(installed, "chromium and chromium-driver must be installed in CI");
        assumeTrue(installed, "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + reports.resolve("profile"), "--window-size=1200,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) driver.quit();
    }

    /** Reports of every golden case, of sample-logs, and of the hostile log. */
    static Stream<String> cases() throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/golden"))) {
            s.filter(Files::isDirectory).sorted().forEach(p -> out.add(p.resolve("input").toString()));
        }
        out.add("sample-logs");
        out.add("src/test/resources/hostile");
        return out.stream();
    }

    private static Path report(String input) {
        Path out = reports.resolve(Integer.toHexString(input.hashCode()));
        int status = Main.commandLine().execute("analyze", "--no-progress", "-o", out.toString(), input);
        assertTrue(status == 0 || status == 1, "analysis of " + input + " exited " + status);
        return out.resolve("report.html");
    }

    private static List<LogEntry> open(Path page) {
        driver.manage().logs().get(LogType.BROWSER); // drop what earlier pages logged
        driver.get(page.toUri().toString());
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadsCleanlyAndEveryChartDecodes(String input) {
        List<LogEntry> console = open(report(input));
        List<String> errors = console.stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors, "console errors and warnings (a CSP violation shows here)");
        List<WebElement> images = driver.findElements(By.tagName("img"));
        for (WebElement img : images) {
            Object w = js("return arguments[0].complete && arguments[0].naturalWidth;", img);
            assertTrue(((Number) w).longValue() > 0, "chart decodes: " + img.getAttribute("alt"));
            assertFalse(img.getAttribute("alt").isBlank(), "every chart has a text alternative");
        }
        assertTrue(driver.getTitle().startsWith("wormsign"), driver.getTitle());
    }

    @Test
    void filterAndSortWorkOnTheSourcesTable() {
        open(report("sample-logs"));
        List<WebElement> rows = driver.findElements(By.cssSelector("#sources-table tbody tr"));
        assertTrue(rows.size() > 10);
        String wanted = rows.get(3).findElement(By.tagName("td")).getText();
        WebElement filter = driver.findElement(By.cssSelector("input.filter[data-table=sources-table]"));
        filter.sendKeys(wanted);
        long visible = driver.findElements(By.cssSelector("#sources-table tbody tr")).stream().filter(WebElement::isDisplayed).count();
        assertTrue(visible >= 1 && visible < rows.size(), "filter hides the other rows: " + visible);
        for (WebElement r : driver.findElements(By.cssSelector("#sources-table tbody tr"))) {
            if (r.isDisplayed()) assertTrue(r.getText().contains(wanted));
        }
        filter.clear();
        filter.sendKeys(" ");
        filter.clear();
        js("var i=document.querySelector('input.filter'); i.value=''; i.dispatchEvent(new Event('input'));");
        // Sort by source, ascending, by clicking its header.
        driver.findElement(By.cssSelector("#sources-table thead th")).click();
        List<String> sources = driver.findElements(By.cssSelector("#sources-table tbody tr td:first-child")).stream().map(WebElement::getText).toList();
        List<String> sorted = new ArrayList<>(sources);
        sorted.sort(String::compareTo);
        assertEquals("ascending", driver.findElement(By.cssSelector("#sources-table thead th")).getAttribute("aria-sort"));
        assertEquals(sorted.get(0).substring(0, 1), sources.get(0).substring(0, 1), "first row after sorting");
    }

    @Test
    void hostileLogTextChangesNothing() {
        open(report("src/test/resources/hostile"));
        // The only script is the page's own; no markup from the log became an element.
        assertEquals(1L, js("return document.scripts.length;"));
        assertEquals(0L, js("return document.querySelectorAll('[onerror],[onload],[onclick]').length;"));
        assertEquals(0L, js("return document.querySelectorAll('img:not([src^=\"data:image/png;base64,\"])').length;"));
        assertFalse(driver.getTitle().contains("pwned"), driver.getTitle());
        String text = driver.findElement(By.tagName("body")).getText();
        assertTrue(text.contains("<script>document.title='pwned'</script>") || text.contains("<img"),
                "the hostile text is shown as text");
        assertFalse(text.contains("\u001b"), "no terminal escape reaches the page");
        Object csp = js("return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content;");
        assertTrue(csp.toString().startsWith("default-src 'none'"), csp.toString());
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }


}

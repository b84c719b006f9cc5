package dev.pdm.iiot.dashboard.support;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven through its ChromeDriver, both at fixed paths so that nothing
 * tries to download a browser or a driver. Fails with what to do when either is missing. Signs in
 * through the login form like a person ({@link #signIn}).
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.path", "/usr/bin/chromedriver"));

    private final Path profile;
    private final ChromeDriver driver;

    public Browser() {
        for (final Path required : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(required)) {
                throw new IllegalStateException(required + " is missing: the browser test drives Debian's chromium and"
                        + " chromium-driver packages. `.ci/run` installs them where missing; by hand:"
                        + " apt-get install -y chromium chromium-driver");
            }
        }
        try {
            profile = Files.createTempDirectory("dashboard-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1600,1250");
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(final String url) {
        driver.get(url);
    }

    /**
     * Signs in as a user of {@link TestUsers} the way a person does: the page leads to the login
     * form, which is filled in and sent; back on the page, its header names the user.
     */
    public void signIn(final String baseUrl, final String user) {
        driver.get(baseUrl);
        await("the login form", Duration.ofSeconds(30), d -> d.getCurrentUrl().contains("/login.html")
                && present("#login"));
        find("#username").sendKeys(user);
        find("#password").sendKeys(TestUsers.password(user));
        find("#sign-in").click();
        await("the page, signed in as " + user, Duration.ofSeconds(30), d -> !d.getCurrentUrl().contains("/login.html")
                && find("#user").getText().contains(user));
    }

    /** Waits for a condition, ignoring elements that a re-render replaced meanwhile. */
    public <T> T await(final Duration timeout, final Function<WebDriver, T> condition) {
        return await("a condition on the page", timeout, condition);
    }

    /** Waits for a condition, described for the failure message. */
    public <T> T await(final String what, final Duration timeout, final Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .withMessage(what)
                .until(condition::apply);
    }

    public WebElement find(final String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public boolean present(final String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /** Saves a PNG of the page under {@code target/screenshots/}. */
    public Path screenshot(final String name) {
        driver.executeScript("window.scrollTo(0, 0)");
        final File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            final Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            final Path target = dir.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
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
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind
            }
        }
    }
}

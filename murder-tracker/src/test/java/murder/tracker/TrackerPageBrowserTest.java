package murder.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import murder.core.api.AgentHeartbeat;
import murder.core.api.Deployment;
import murder.core.api.HostPhase;
import murder.core.api.RegisterRelease;
import murder.core.api.StateReport;
import murder.core.client.TrackerClient;
import murder.core.testing.TestAuth;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The tracker's web page in a real headless Chromium against a real tracker, fed through the real HTTP API: what a
 * user sees, a state change arriving without a reload, the token prompt, and agent text that stays text.
 */
class TrackerPageBrowserTest {

    /** The page polls every 2 s; a loaded machine gets ample room. */
    private static final Duration SEE = Duration.ofSeconds(20);
    private static final String HOSTILE_REASON = "disk full <img src=x onerror=\"window.pwned=1\"><b>bold</b>";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    @TempDir
    Path secrets;

    private TrackerDaemon tracker;
    private HeadlessChromium chromium;

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void asksForATokenThenShowsReleasesHostsAndAgentsAndFollowsStateChangesLive() throws Exception {
        HeadlessChromium.assumeInstalled();
        TestAuth auth = TestAuth.create(secrets);
        MutableClock clock = new MutableClock(Instant.now());
        tracker = TrackerDaemon.start(config(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets())), clock);
        TrackerClient deployer = new TrackerClient(tracker.url(), auth.deployer());
        TrackerClient web1 = new TrackerClient(tracker.url(), auth.agent("web1"));
        TrackerClient web2 = new TrackerClient(tracker.url(), auth.agent("web2"));
        RegisterRelease release = TestReleases.make(work, "2026-11-22.1", "a");
        deployer.registerRelease(release.manifest(), release.torrent());
        // db1 heartbeats once and then falls silent; web1 and web2 keep heartbeating
        new TrackerClient(tracker.url(), auth.agent("db1")).heartbeat("db1", new AgentHeartbeat(List.of("db"), 6883, null));
        clock.advance(Duration.ofSeconds(15));
        web1.heartbeat("web1", new AgentHeartbeat(List.of("web"), 6881, null));
        web2.heartbeat("web2", new AgentHeartbeat(List.of("web"), 6882, null));
        Deployment deployment = deployer.createDeployment("2026-11-22.1", "web");
        web1.report("web1", new StateReport(deployment.id(), "2026-11-22.1", HostPhase.DOWNLOADING, 40, null));
        web2.report("web2", new StateReport(deployment.id(), "2026-11-22.1", HostPhase.FAILED, 0, HOSTILE_REASON));

        chromium = HeadlessChromium.start();
        ChromeDriver browser = chromium.driver();
        browser.get(tracker.url() + "/");

        // the API answered 401: the page asks for a token and shows nothing else
        WebElement form = waitFor(browser, By.id("token-form"));
        assertThat(form.getText()).contains("This tracker needs a token", "--open-reads");
        assertThat(browser.findElement(By.id("content")).isDisplayed()).isFalse();
        browser.findElement(By.id("token-input")).sendKeys("not-the-token-of-this-tracker-0123456789abcdef");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitUpToSee(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("token-message"),
                "The tracker refused that token"));
        browser.findElement(By.id("token-input")).sendKeys(auth.deployerToken());
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement content = waitFor(browser, By.id("content"));
        assertThat(form.isDisplayed()).isFalse();
        WebElement card = waitFor(browser, By.cssSelector("[data-deployment='" + deployment.id() + "']"));
        assertThat(card.findElement(By.className("deployment-head")).getText())
                .contains("#" + deployment.id(), "2026-11-22.1", "web", "RUNNING"); // upper-cased by the style sheet
        assertThat(hostRow(browser, deployment, "web1").getText()).contains("web1", "DOWNLOADING", "40%", "alive");
        WebElement failed = hostRow(browser, deployment, "web2");
        assertThat(failed.getText()).contains("web2", "FAILED");
        // the agent's text is shown as text: no element made of it, no script run from it
        assertThat(failed.findElement(By.className("reason")).getText()).isEqualTo(HOSTILE_REASON);
        assertThat(failed.findElements(By.tagName("img"))).isEmpty();
        assertThat(failed.findElements(By.tagName("b"))).isEmpty();
        assertThat(browser.executeScript("return window.pwned === undefined")).isEqualTo(true);

        WebElement releases = browser.findElement(By.id("releases"));
        assertThat(releases.findElement(By.cssSelector("[data-release='2026-11-22.1']")).getText())
                .contains("2026-11-22.1", "2026-11-22.1.tar.gz", release.manifest().sha256().substring(0, 12));
        assertThat(browser.findElement(By.cssSelector("[data-agent='web1']")).getText()).contains("alive", "web");
        assertThat(browser.findElement(By.cssSelector("[data-agent='db1']")).getText()).contains("silent", "db");
        assertThat(browser.findElement(By.id("agent-count")).getText()).isEqualTo("2 of 3 alive");

        // a new state reaches the open page by itself, without a reload (which would drop this marker)
        browser.executeScript("window.sameDocument = 'yes'");
        web1.report("web1", new StateReport(deployment.id(), "2026-11-22.1", HostPhase.ACTIVE, 100, null));
        waitUpToSee(browser).until(d -> hostRow(d, deployment, "web1").getAttribute("data-state")
                .equals("ACTIVE"));
        assertThat(hostRow(browser, deployment, "web1").getText()).contains("ACTIVE", "100%");
        assertThat(browser.executeScript("return window.sameDocument")).isEqualTo("yes");
        waitUpToSee(browser).until(d -> d.findElement(By.cssSelector("[data-deployment='"
                + deployment.id() + "'] .deployment-head")).getText().contains("FAILED"));
        assertThat(content.isDisplayed()).isTrue();

        Path shot = Path.of("target", "tracker-page.png");
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(shot).isNotEmptyFile();
    }

    @Test
    void withOpenReadsThePageShowsTheStatusWithoutAToken() throws Exception {
        HeadlessChromium.assumeInstalled();
        TestAuth auth = TestAuth.create(secrets);
        tracker = TrackerDaemon.start(config(AuthSettings.tokens(auth.deployerTokens(), auth.agentSecrets())
                .withOpenReads(true)));
        RegisterRelease release = TestReleases.make(work, "r7", "b");
        new TrackerClient(tracker.url(), auth.deployer()).registerRelease(release.manifest(), release.torrent());

        chromium = HeadlessChromium.start();
        ChromeDriver browser = chromium.driver();
        browser.get(tracker.url() + "/");

        WebElement row = waitFor(browser, By.cssSelector("#releases [data-release='r7']"));
        assertThat(row.getText()).contains("r7", "r7.tar.gz");
        assertThat(browser.findElement(By.id("token-form")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("deployments")).getText()).contains("No deployments yet");
        assertThat(browser.findElement(By.id("agents")).getText()).contains("No agent has sent a heartbeat yet");
        assertThat(browser.findElement(By.id("forget-token")).isDisplayed()).isFalse();
        waitUpToSee(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("tracker-info"),
                "up since"));
    }

    private TrackerConfig config(AuthSettings authSettings) {
        return TrackerConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0).withAuth(authSettings);
    }

    private static WebElement hostRow(WebDriver browser, Deployment deployment, String host) {
        return browser.findElement(By.cssSelector("[data-deployment='" + deployment.id() + "'] tr[data-host='" + host
                + "']"));
    }

    /** The page re-renders rows live: an element found a moment ago may be gone, which is no failure yet. */
    private static FluentWait<WebDriver> waitUpToSee(WebDriver browser) {
        return new WebDriverWait(browser, SEE).ignoring(StaleElementReferenceException.class);
    }

    private static WebElement waitFor(WebDriver browser, By what) {
        return waitUpToSee(browser).until(ExpectedConditions.visibilityOfElementLocated(what));
    }
}

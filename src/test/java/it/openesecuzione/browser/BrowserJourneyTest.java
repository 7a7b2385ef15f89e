package it.openesecuzione.browser;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Http;
import java.util.Map;

/**
 * The main journey in a real headless Chromium (Debian's package): log in, create a contract,
 * find it, open it. On a developer machine without Chromium the test is skipped; in CI
 * ({@code CI=true}), where .ci/run installs it, a missing browser is a failure.
 */
@IntegrationTest
class BrowserJourneyTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void startBrowser() throws Exception {
        boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(available, "Chromium non installato: apt-get install chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1024",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void logInCreateFindAndOpenAContract() {
        browser.get("http://localhost:" + port + "/contratti");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("genova.rup");
        browser.findElement(By.id("password")).sendKeys("Demo-2026!");
        browser.findElement(By.id("accedi")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nuovo-contratto")));
        assertThat(browser.findElement(By.cssSelector("[data-testid=utente]")).getText())
                .contains("Mario Rossi").contains("Comune di Genova").contains("RUP");
        assertAccessibleStructure();

        screenshot("elenco");
        click(By.id("nuovo-contratto"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("salva")));
        assertAccessibleStructure();
        screenshot("modulo");
        String cig = Fixtures.newCig();
        browser.findElement(By.id("oggetto")).sendKeys("Manutenzione del verde pubblico nei municipi del Levante");
        select("tipologia", "SERVIZI");
        select("procedura", "APERTA");
        browser.findElement(By.id("lotti0.cig")).sendKeys(cig);
        browser.findElement(By.id("importoBaseGara")).sendKeys("250.000,00");
        browser.findElement(By.id("importoContrattuale")).sendKeys("231.250,00");
        browser.findElement(By.id("oneriSicurezza")).sendKeys("0");
        browser.findElement(By.id("ribasso")).sendKeys("7,5");
        browser.findElement(By.id("durataGiorni")).sendKeys("365");
        browser.findElement(By.id("aggiudicatarioDenominazione")).sendKeys("Giardini Liguri Soc. Coop.");
        browser.findElement(By.id("aggiudicatarioCodiceFiscale")).sendKeys("02765430109");
        click(By.id("salva"));

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("oggetto")));
        assertThat(browser.getPageSource()).contains("Contratto registrato.").contains(cig).contains("€ 231.250,00");
        String detailUrl = browser.getCurrentUrl();

        browser.get("http://localhost:" + port + "/contratti");
        WebElement search = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("q")));
        search.sendKeys(cig);
        click(By.id("cerca"));
        // htmx swaps the results in as the user types and again on submit: wait for the single
        // match, then click it, looking it up afresh if a swap replaced it meanwhile.
        By onlyMatch = By.linkText("Manutenzione del verde pubblico nei municipi del Levante");
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver ->
                driver.findElements(By.cssSelector("#risultati tbody tr")).size() == 1
                        && !driver.findElements(onlyMatch).isEmpty());
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver -> {
            driver.findElement(onlyMatch).click();
            return true;
        });

        wait.until(ExpectedConditions.urlToBe(detailUrl));
        screenshot("dettaglio");
        assertThat(browser.findElement(By.id("oggetto")).getText()).isEqualTo("Manutenzione del verde pubblico nei municipi del Levante");
        assertAccessibleStructure();
    }

    /**
     * The works director's and RUP's accounting in the browser: an item of the price list, a
     * measurement by dimensions, the SAL computed from it, its payment certificate.
     */
    @Test
    void keepTheBooksAndIssueACertificate() {
        Http api = Http.basic(port, "genova.rup");
        long contract = Http.json(api.postJson("/api/v1/contracts", Fixtures.worksContract(
                directory.findByUsername("genova.rup").orElseThrow().id(), "Rifacimento dei marciapiedi di via XX Settembre")))
                .get("id").asLong();
        assertThat(api.postJson("/api/v1/contracts/" + contract + "/events", it.openesecuzione.execution.ExecutionApiTest.signing(
                "2026-02-10", "2026-08-31", 1000)).statusCode()).isEqualTo(201);
        assertThat(api.postJson("/api/v1/contracts/" + contract + "/events", it.openesecuzione.execution.ExecutionApiTest.handover(
                Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false, "dataVerbaleConsegnaDefinitiva", "2026-03-02",
                        "dataEffettivoInizio", "2026-03-02"))).statusCode()).isEqualTo(201);
        browser.manage().deleteAllCookies();
        try {
            String books = "http://localhost:" + port + "/contratti/" + contract + "/contabilita";
            browser.get(books);
            wait.until(ExpectedConditions.urlContains("/login"));
            browser.findElement(By.id("username")).sendKeys("genova.rup");
            browser.findElement(By.id("password")).sendKeys("Demo-2026!");
            browser.findElement(By.id("accedi")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("aggiungi-voce")));
            browser.get(books);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("aggiungi-voce")));
            assertAccessibleStructure();

            browser.findElement(By.id("voce-codice")).sendKeys("A.01");
            browser.findElement(By.id("voce-descrizione")).sendKeys("Scavo a sezione obbligata");
            browser.findElement(By.id("voce-unitaMisura")).sendKeys("m³");
            browser.findElement(By.id("voce-prezzoUnitario")).sendKeys("12,50");
            browser.findElement(By.id("voce-quantita")).sendKeys("1000");
            click(By.id("aggiungi-voce"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Scavo a sezione obbligata"));

            // 1 × 100 × 2 × 1,5 = 300 m³
            new Select(browser.findElement(By.id("misura-voce"))).selectByIndex(1);
            date("misura-data", "2026-04-10");
            browser.findElement(By.id("misura-partiUguali")).sendKeys("1");
            browser.findElement(By.id("misura-lunghezza")).sendKeys("100");
            browser.findElement(By.id("misura-larghezza")).sendKeys("2");
            browser.findElement(By.id("misura-altezza")).sendKeys("1,5");
            click(By.id("registra-misura"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "300"));

            // SAL: 300 × 12,50 = 3.750,00, ribasso 10,5% = 393,75, netto 3.356,25
            date("sal-data", "2026-04-30");
            click(By.id("registra-sal"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "3.356,25"));
            screenshot("contabilita");
            assertAccessibleStructure();

            // Certificate: ritenuta 0,5% = 16,78; 3.356,25 − 16,78 = 3.339,47
            browser.get(books + "/sal/1");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("emetti-certificato")));
            assertAccessibleStructure();
            date("certificato-dataEmissione", "2026-05-04");
            click(By.id("emetti-certificato"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "3.339,47"));
            screenshot("sal");
        } finally {
            browser.manage().deleteAllCookies();
        }
    }

    /** Date inputs take the ISO value whatever the browser's locale shows. */
    private void date(String id, String iso) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, iso);
    }

    /** Scrolls the element to the middle of the window first, away from sticky headers and footers. */
    private void click(By locator) {
        WebElement element = browser.findElement(locator);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    /** Keeps what the user saw, under target/screenshots, for reviewing the pages. */
    private void screenshot(String name) {
        try {
            Path directory = Files.createDirectories(Path.of("target", "screenshots"));
            byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(directory.resolve(name + ".png"), png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void select(String id, String value) {
        new Select(browser.findElement(By.id(id))).selectByValue(value);
    }

    /** Landmarks, language, and a label for every visible form control. */
    @SuppressWarnings("unchecked")
    private void assertAccessibleStructure() {
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("it");
        assertThat(browser.findElements(By.cssSelector("header[role=banner], main#contenuto, footer"))).hasSize(3);
        List<String> unlabelled = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
                  .map(el => el.name || el.id);""");
        assertThat(unlabelled).isEmpty();
    }
}

package de.nachtbrief.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import de.nachtbrief.cli.CommandLines;
import de.nachtbrief.cli.ServeProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, driven through its
 * chromedriver. With {@code -Dnachtbrief.screenshots=DIR} it also saves the README's
 * screenshots of each page into DIR.
 */
class DashboardBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final String NEWS_ONE = """
			Freiburg saniert das Stadttheater

			Der Gemeinderat von Freiburg hat am Dienstag die Sanierung des Stadttheaters beschlossen. \
			Die Arbeiten kosten nach Angaben der Verwaltung rund 38 Millionen Euro und sollen im Herbst 2026 beginnen. \
			„Das Haus ist das Herz unserer Kulturlandschaft“, sagte Oberbürgermeister Martin Horn. \
			Während der Bauzeit spielt das Ensemble in einer Halle auf dem Messegelände.
			""";

	private static final String NEWS_TWO = """
			Rostock erweitert den Überseehafen

			Der Hafen Rostock bekommt einen neuen Liegeplatz für Fähren. \
			Das Land Mecklenburg-Vorpommern beteiligt sich mit 21 Millionen Euro an dem Vorhaben, teilte das \
			Wirtschaftsministerium in Schwerin mit. Der Umschlag im Hafen stieg im vergangenen Jahr um 4 Prozent. \
			Die Reedereien rechnen mit weiteren Verbindungen nach Skandinavien.
			""";

	private static final String UPLOADED = """
			Lindenau eröffnet eine neue Stadtbibliothek

			Die Gemeinde Lindenau hat am Samstag ihre neue Stadtbibliothek am Marktplatz eröffnet. \
			Der Bau kostete 17,8 Millionen Euro, teilte Bürgermeisterin Petra Lang mit. \
			In den ersten drei Stunden kamen mehr als 1.200 Besucherinnen und Besucher. \
			Die Bibliothek hat sonntags geöffnet und verleiht auch Werkzeug und Musikinstrumente.
			""";

	@TempDir
	Path workspace;

	@TempDir
	Path profile;

	private Path input;

	private Path output;

	private ServeProcess serve;

	private WebDriver browser;

	private WebDriverWait wait;

	private Path screenshots;

	@BeforeEach
	void startServeAndBrowser() throws Exception {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"The browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
						+ ": install Debian's chromium and chromium-driver "
						+ "(apt-get install -y --no-install-recommends chromium chromium-driver); .ci/run does.");
		Path jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		this.input = Files.createDirectories(this.workspace.resolve("input"));
		this.output = this.workspace.resolve("output");
		Files.writeString(this.input.resolve("theater.txt"), NEWS_ONE);
		Files.writeString(this.input.resolve("hafen.txt"), NEWS_TWO);
		Files.writeString(jobs.resolve("zeitung.yaml"),
				"input:\n  folder: " + this.input + "\n  stable-for: 200ms\noutput:\n  folder: " + this.output
						+ "\nlanguages: [en, zh]\n" + "backends:\n  summarize: extractive\n  translate: extractive\n"
						+ "schedule:\n  enabled: false\nwatch:\n  enabled: true\n  settle: 300ms\n");
		CommandLines.Result run = CommandLines.execute("run", jobs.resolve("zeitung.yaml").toString());
		assertThat(run.exitCode()).as(run.text()).isZero();
		this.serve = ServeProcess.start(jobs);
		this.browser = chromium();
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(60), Duration.ofMillis(200));
		this.wait.ignoring(StaleElementReferenceException.class);
		String folder = System.getProperty("nachtbrief.screenshots");
		this.screenshots = (folder == null || folder.isBlank()) ? null : Files.createDirectories(Path.of(folder));
	}

	private WebDriver chromium() {
		// A driver executable named in the service keeps Selenium Manager from running,
		// so nothing is looked up or downloaded.
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toString());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + this.profile);
		return new ChromeDriver(service, options);
	}

	@AfterEach
	void stop() throws Exception {
		try {
			if (this.browser != null) {
				this.browser.quit();
			}
		}
		finally {
			if (this.serve != null) {
				this.serve.close();
			}
		}
	}

	@Test
	void aReaderFollowsARunToItsBriefsUploadsAnArticleAndRetriesAFailedFile() throws Exception {
		// The run list, with the run made before serve started; "Run now" adds one,
		// which finds both articles briefed already.
		this.browser.get(this.serve.url() + "/");
		assertThat(runStatuses()).containsExactly("COMPLETED");
		assertThat(this.browser.findElement(By.cssSelector("#jobs tbody tr")).getText()).contains("zeitung")
			.contains("en, zh");
		open(this.browser
			.findElement(By.xpath("//table[@id='jobs']//tr[td[text()='zeitung']]//button[text()='Run now']")));
		assertThat(this.browser.findElement(By.cssSelector(".message")).getText())
			.isEqualTo("Run of job 'zeitung' requested.");
		this.wait.until((browser) -> {
			browser.navigate().refresh();
			return runStatuses().equals(List.of("COMPLETED", "COMPLETED"));
		});
		assertThat(this.browser.findElement(By.xpath("//table[@id='runs']//tr[td/a[text()='2']]")).getText())
			.contains("COMPLETED 0 0 2");
		screenshot("runs");

		// The first run: both articles briefed, each headline a link to its brief.
		open(this.browser.findElement(By.xpath("//table[@id='runs']//a[text()='1']")));
		assertThat(this.browser.getCurrentUrl()).endsWith("/jobs/zeitung/runs/1");
		List<WebElement> documents = this.browser.findElements(By.cssSelector("#documents tbody tr"));
		assertThat(documents).extracting(WebElement::getText)
			.anySatisfy((row) -> assertThat(row).contains("theater.txt").contains("BRIEFED"))
			.anySatisfy((row) -> assertThat(row).contains("hafen.txt").contains("BRIEFED"));
		screenshot("run");

		// A brief: side by side by default, one language when picked.
		open(this.browser.findElement(By.xpath("//table[@id='documents']//tr[td[text()='theater.txt']]//a")));
		assertThat(shownLanguages()).containsExactly("en", "zh");
		assertThat(this.browser.findElement(By.cssSelector("article.brief[data-lang=en]")).getText())
			.contains("Stadttheater");
		assertThat(this.browser.findElement(By.id("source")).getText()).contains("theater.txt");
		screenshot("brief");
		open(this.browser.findElement(By.cssSelector("nav.languages a[data-lang=zh]")));
		assertThat(this.browser.getCurrentUrl()).contains("lang=zh");
		assertThat(shownLanguages()).containsExactly("zh");
		open(this.browser.findElement(By.linkText("Side by side")));
		assertThat(this.browser.getCurrentUrl()).doesNotContain("lang=");
		assertThat(shownLanguages()).containsExactly("en", "zh");

		// An upload: a new article and a damaged PDF in one go.
		Path uploads = Files.createDirectories(this.workspace.resolve("desktop"));
		Path article = Files.writeString(uploads.resolve("bibliothek.txt"), UPLOADED);
		Path broken = copy("/documents/random-bytes.pdf", uploads.resolve("zerlegt.pdf"));
		this.browser.get(this.serve.url() + "/upload");
		WebElement form = this.browser.findElement(By.id("upload"));
		new Select(form.findElement(By.name("job"))).selectByValue("zeitung");
		form.findElement(By.cssSelector("input[type=file][name=files]")).sendKeys(article + "\n" + broken);
		screenshot("upload");
		open(form.findElement(By.cssSelector("button[type=submit]")));
		String uploadsPage = this.browser.getCurrentUrl();
		assertThat(uploadsPage).contains("/uploads?job=zeitung");
		// The page reloads itself every two seconds until both are done.
		this.wait.until((browser) -> "BRIEFED".equals(uploadState("bibliothek.txt"))
				&& "FAILED".equals(uploadState("zerlegt.pdf")));
		assertThat(this.browser.findElements(By.cssSelector("meta[http-equiv=refresh]"))).isEmpty();
		screenshot("uploads");
		open(this.browser.findElement(By.cssSelector("a.open-brief")));
		String brief = this.browser.findElement(By.cssSelector("article.brief[data-lang=en]")).getText();
		assertThat(brief).contains("Lindenau").contains("17,8 Millionen Euro");

		// The damaged file waits in failed/ with its reason; fixed, it goes back.
		this.browser.get(this.serve.url() + "/failed");
		WebElement failed = this.browser.findElement(By.xpath("//table[@id='failed']//tr[td[text()='zerlegt.pdf']]"));
		assertThat(failed.findElement(By.cssSelector("td.reason")).getText()).isNotBlank()
			.isNotEqualTo("no reason was recorded");
		screenshot("failed");
		Path inFailed = this.output.resolve("failed/zerlegt.pdf");
		assertThat(inFailed).exists();
		assertThat(this.output.resolve("failed/zerlegt.pdf.error.txt")).exists();
		// What an editor would do before retrying: replace the damaged file with a good
		// one. A good file stays in the input folder once briefed, so what is asserted
		// below does not depend on how far the requested run has got.
		copy("/documents/artikel.pdf", inFailed);
		open(failed.findElement(By.xpath(".//button[text()='Retry']")));
		assertThat(this.browser.getCurrentUrl()).endsWith("/failed");
		assertThat(this.browser.findElement(By.cssSelector(".message")).getText()).isEqualTo(
				"'zerlegt.pdf' is back in the input folder as 'zerlegt.pdf'; a run of job 'zeitung' was requested.");
		assertThat(this.browser.findElements(By.xpath("//table[@id='failed']//td[text()='zerlegt.pdf']"))).isEmpty();
		assertThat(inFailed).doesNotExist();
		assertThat(this.output.resolve("failed/zerlegt.pdf.error.txt")).doesNotExist();
		assertThat(this.input.resolve("zerlegt.pdf")).hasSameBinaryContentAs(resource("/documents/artikel.pdf"));

		// By now the drop-folder run that follows an upload has skipped the briefed file;
		// its status page still just says briefed, with no command-line hint.
		this.browser.get(uploadsPage);
		WebElement uploaded = this.browser
			.findElement(By.xpath("//table[@id='uploads']//tr[td[text()='bibliothek.txt']]"));
		assertThat(uploaded.getText()).contains("BRIEFED").contains("Read the brief").doesNotContain("--force");
	}

	/**
	 * Clicks a link or button and waits for the page it leads to: a click returns once
	 * the browser has the event, not always after the next page has loaded.
	 */
	@Test
	void anEditorSearchesTheBriefsAndNarrowsThemDownWithFilters() throws Exception {
		this.browser.get(this.serve.url() + "/search");
		assertThat(this.browser.findElement(By.id("found")).getText()).isEqualTo("2 documents");

		// Words find the brief, and its headline leads to it.
		WebElement form = this.browser.findElement(By.id("search"));
		form.findElement(By.name("q")).sendKeys("Stadttheater");
		open(form.findElement(By.cssSelector("button[type=submit]")));
		assertThat(this.browser.findElement(By.id("found")).getText()).isEqualTo("1 document");
		assertThat(this.browser.findElements(By.cssSelector("#hits tbody tr"))).singleElement()
			.satisfies((row) -> assertThat(row.getText()).contains("theater.txt").contains("zeitung"));
		screenshot("search");
		open(this.browser.findElement(By.cssSelector("#hits tbody a")));
		assertThat(this.browser.getCurrentUrl()).contains("/jobs/zeitung/documents/");
		assertThat(this.browser.findElement(By.cssSelector("article.brief[data-lang=en]")).getText())
			.contains("Stadttheater");

		// Filters without words: a topic only one brief has, a language, an outcome.
		this.browser.get(this.serve.url() + "/search");
		form = this.browser.findElement(By.id("search"));
		new Select(form.findElement(By.name("topic"))).selectByVisibleText("Hafen");
		new Select(form.findElement(By.name("language"))).selectByValue("zh");
		open(form.findElement(By.cssSelector("button[type=submit]")));
		assertThat(this.browser.getCurrentUrl()).contains("topic=Hafen").contains("language=zh");
		assertThat(this.browser.findElements(By.cssSelector("#hits tbody tr"))).singleElement()
			.satisfies((row) -> assertThat(row.getText()).contains("hafen.txt"));
		form = this.browser.findElement(By.id("search"));
		assertThat(new Select(form.findElement(By.name("topic"))).getFirstSelectedOption().getText())
			.isEqualTo("Hafen");
		new Select(form.findElement(By.name("outcome"))).selectByValue("FAILED");
		open(form.findElement(By.cssSelector("button[type=submit]")));
		assertThat(this.browser.findElement(By.id("found")).getText()).isEqualTo("0 documents");
		assertThat(this.browser.findElements(By.id("hits"))).isEmpty();
	}

	private void open(WebElement element) {
		element.click();
		this.wait.until(ExpectedConditions.stalenessOf(element));
		this.wait.until((browser) -> "complete"
			.equals(((JavascriptExecutor) browser).executeScript("return document.readyState")));
	}

	private List<String> runStatuses() {
		return this.browser.findElements(By.cssSelector("#runs tbody .status"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private List<String> shownLanguages() {
		return this.browser.findElements(By.cssSelector("article.brief"))
			.stream()
			.map((article) -> article.getDomAttribute("data-lang"))
			.toList();
	}

	private String uploadState(String file) {
		List<WebElement> status = this.browser.findElements(By.xpath("//table[@id='uploads']//tr[td[text()='" + file
				+ "']]//span[@class and " + "contains(concat(' ', @class, ' '), ' status ')]"));
		try {
			return status.isEmpty() ? null : status.get(0).getText();
		}
		catch (WebDriverException ex) {
			// The page reloaded between finding the status and reading it; Chromium then
			// says so in its own words rather than as a stale element.
			if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
				return null;
			}
			throw ex;
		}
	}

	private static Path copy(String resource, Path target) throws IOException {
		try (InputStream content = DashboardBrowserTests.class.getResourceAsStream(resource)) {
			assertThat(content).as(resource).isNotNull();
			Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
	}

	private Path resource(String resource) throws IOException {
		return copy(resource, Files.createTempFile(this.workspace, "expected", ".bin"));
	}

	/** Saves the whole page, not only the window, when screenshots were asked for. */
	private void screenshot(String name) throws IOException {
		if (this.screenshots == null) {
			return;
		}
		Dimension window = this.browser.manage().window().getSize();
		Number page = (Number) ((JavascriptExecutor) this.browser)
			.executeScript("return Math.ceil(document.body.getBoundingClientRect().height) + 16");
		Number chrome = (Number) ((JavascriptExecutor) this.browser)
			.executeScript("return window.outerHeight - window.innerHeight");
		this.browser.manage()
			.window()
			.setSize(new Dimension(window.getWidth(), page.intValue() + Math.max(chrome.intValue(), 0)));
		try {
			byte[] png = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.BYTES);
			Files.write(this.screenshots.resolve(name + ".png"), png);
		}
		finally {
			this.browser.manage().window().setSize(window);
		}
	}

}

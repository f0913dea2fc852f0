package de.nachtbrief.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.brief.BriefFiles;
import de.nachtbrief.brief.Labels;
import de.nachtbrief.brief.LocalizedBrief;
import de.nachtbrief.ingest.FileNames;
import de.nachtbrief.store.DocumentStatus;

/** The dashboard's pages, rendered on the server from the templates of the same names. */
@Controller
class DashboardPages {

	private final Dashboard dashboard;

	private final FailedFiles failedFiles;

	private final Uploads uploads;

	private final BriefSearch search;

	private final WebSettings settings;

	private final String currency;

	DashboardPages(Dashboard dashboard, FailedFiles failedFiles, Uploads uploads, BriefSearch search,
			WebSettings settings, @Value("${nachtbrief.currency:USD}") String currency) {
		this.search = search;
		this.dashboard = dashboard;
		this.failedFiles = failedFiles;
		this.uploads = uploads;
		this.settings = settings;
		this.currency = currency;
	}

	/** The currency of every cost shown, as the backends' prices are configured. */
	@ModelAttribute("currency")
	String currency() {
		return this.currency;
	}

	/** Search over every brief of the served jobs, with filters and pages. */
	@GetMapping("/search")
	String search(@RequestParam(required = false) String q, @RequestParam(required = false) String job,
			@RequestParam(required = false) String language, @RequestParam(required = false) String topic,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "1") int page, Model model) {
		BriefSearch.Filters filters = SearchParameters.filters(q, job, language, topic, outcome, from, to, page);
		model.addAttribute("results", this.search.search(filters));
		model.addAttribute("outcomes", DocumentStatus.values());
		model.addAttribute("pageLink", SearchParameters.pageLink(filters));
		return "search";
	}

	@GetMapping("/")
	String runs(Model model) {
		model.addAttribute("jobs", this.dashboard.jobs());
		model.addAttribute("runs", this.dashboard.runs(50));
		model.addAttribute("failedFiles", this.failedFiles.failedCount());
		return "runs";
	}

	@PostMapping("/jobs/{job}/run")
	String runNow(@PathVariable String job, RedirectAttributes redirect) {
		boolean started = this.dashboard.runNow(job);
		redirect.addFlashAttribute("message", started ? "Run of job '" + job + "' requested."
				: "A run of job '" + job + "' is already going; another follows it.");
		return "redirect:/";
	}

	@GetMapping("/jobs/{job}/runs/{run}")
	String run(@PathVariable String job, @PathVariable long run, Model model) {
		model.addAttribute("job", job);
		model.addAttribute("detail", this.dashboard.run(job, run).orElseThrow(() -> notFound("run " + run)));
		return "run";
	}

	@GetMapping(path = "/jobs/{job}/runs/{run}/digests/{language:[A-Za-z-]+}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> digest(@PathVariable String job, @PathVariable long run, @PathVariable String language) {
		return ResponseEntity.ok(this.dashboard.digestHtml(job, run, language)
			.orElseThrow(() -> notFound("digest of run " + run + " in " + language)));
	}

	/** A section's page, which the digest links to relative to itself. */
	@GetMapping(path = "/jobs/{job}/runs/{run}/digests/{file:[0-9a-zA-Z.-]+\\.section-\\d+\\.html}",
			produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> digestSection(@PathVariable String job, @PathVariable long run, @PathVariable String file) {
		return ResponseEntity.ok(this.dashboard.digestSectionHtml(job, run, file)
			.orElseThrow(() -> notFound("digest page " + file + " of run " + run)));
	}

	/**
	 * A digest's links are relative to its file
	 * ({@code ../briefs/<date>/<slug>.<lang>.html}, or {@code .md}); served here, they
	 * arrive at this path and go on to the brief's page.
	 */
	@GetMapping("/jobs/{job}/runs/{run}/briefs/{date:\\d\\d\\d\\d-\\d\\d-\\d\\d}/{slug:[a-z0-9-]+}.{language:[A-Za-z-]+}.{format:md|html}")
	String briefFromDigest(@PathVariable String job, @PathVariable String date, @PathVariable String slug,
			@PathVariable String language) {
		long id = this.dashboard.documentOfBriefFile(job, date, slug).orElseThrow(() -> notFound("brief " + slug));
		return "redirect:" + UriComponentsBuilder.fromPath("/jobs/{job}/documents/{id}")
			.queryParam("lang", language)
			.buildAndExpand(job, id)
			.encode()
			.toUriString();
	}

	/**
	 * One brief: every language side by side, or one language when {@code lang} names it.
	 */
	@GetMapping("/jobs/{job}/documents/{id}")
	String brief(@PathVariable String job, @PathVariable long id,
			@RequestParam(name = "lang", required = false) String language, Model model) {
		Dashboard.BriefView view = this.dashboard.brief(job, id).orElseThrow(() -> notFound("brief " + id));
		List<ShownBrief> shown = new ArrayList<>();
		for (LocalizedBrief localized : view.brief().briefs().values()) {
			if (language == null || language.isBlank() || localized.language().equals(language)) {
				shown.add(ShownBrief.of(view.brief(), localized));
			}
		}
		if (shown.isEmpty()) {
			view.brief().briefs().values().forEach((localized) -> shown.add(ShownBrief.of(view.brief(), localized)));
		}
		model.addAttribute("view", view);
		model.addAttribute("shownFile", FileNames.shown(view.document().path()));
		model.addAttribute("languages", view.brief().briefs().keySet());
		model.addAttribute("selected", language == null ? "" : language);
		model.addAttribute("shown", shown);
		return "brief";
	}

	/**
	 * A brief in one language, with its section headings in that language, and, when a
	 * model wrote it, what the grounding check took out of it ({@code checked}), and its
	 * use of the job's glossary.
	 */
	public record ShownBrief(LocalizedBrief localized, Labels labels, boolean checked, List<String> takenOut,
			String glossary) {

		static ShownBrief of(BriefDocument brief, LocalizedBrief localized) {
			Labels labels = Labels.of(localized.language());
			return new ShownBrief(localized, labels, !brief.backends().summarize().backend().equals("extractive"),
					BriefFiles.takenOut(brief, localized.language()),
					(localized.glossary() != null) ? labels.glossaryUseOf(localized.glossary()) : null);
		}

	}

	@GetMapping("/failed")
	String failed(Model model) {
		model.addAttribute("failed", this.failedFiles.failedFiles());
		return "failed";
	}

	@PostMapping("/jobs/{job}/failed/retry")
	String retry(@PathVariable String job, @RequestParam String file, RedirectAttributes redirect) throws IOException {
		try {
			String name = this.failedFiles.retry(job, file);
			redirect.addFlashAttribute("message", "'" + file + "' is back in the input folder as '" + name
					+ "'; a run of job '" + job + "' was requested.");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/failed";
	}

	@GetMapping("/upload")
	String uploadForm(Model model) {
		model.addAttribute("jobs", this.dashboard.jobs());
		model.addAttribute("maxUpload", WebErrors.size(this.settings.maxUpload()));
		return "upload";
	}

	@PostMapping("/uploads")
	String upload(@RequestParam String job, @RequestParam("files") List<MultipartFile> files,
			RedirectAttributes redirect) throws IOException {
		UriComponentsBuilder target = UriComponentsBuilder.fromPath("/uploads").queryParam("job", job);
		List<String> errors = new ArrayList<>();
		int saved = 0;
		for (MultipartFile file : files) {
			if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
				continue;
			}
			try (InputStream content = file.getInputStream()) {
				target.queryParam("file", this.uploads.upload(job, file.getOriginalFilename(), content));
				saved++;
			}
			catch (IllegalArgumentException ex) {
				errors.add(ex.getMessage());
			}
		}
		if (saved == 0) {
			redirect.addFlashAttribute("error",
					errors.isEmpty() ? "Choose a file to upload." : String.join("; ", errors));
			return "redirect:/upload";
		}
		if (!errors.isEmpty()) {
			redirect.addFlashAttribute("error", String.join("; ", errors));
		}
		return "redirect:" + target.encode().build().toUriString();
	}

	/** Where uploaded files stand; refreshes itself until each is briefed or failed. */
	@GetMapping("/uploads")
	String uploads(@RequestParam String job, @RequestParam(name = "file") List<String> files, Model model) {
		List<Uploads.UploadStatus> statuses = files.stream()
			.map((file) -> this.uploads.uploadStatus(job, file))
			.toList();
		model.addAttribute("job", job);
		model.addAttribute("statuses", statuses);
		model.addAttribute("finished", statuses.stream().allMatch(Uploads.UploadStatus::finished));
		return "uploads";
	}

	private static ResponseStatusException notFound(String what) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + what + " here.");
	}

}

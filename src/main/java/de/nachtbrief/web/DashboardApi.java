package de.nachtbrief.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import de.nachtbrief.store.RunHistory.RunRow;

/**
 * The JSON API behind the dashboard. Scripts send an {@code Authorization} header (the
 * token, off loopback) or {@code X-Requested-With} with their POSTs.
 */
@RestController
@RequestMapping("/api")
class DashboardApi {

	private final Dashboard dashboard;

	private final FailedFiles failedFiles;

	private final Uploads uploads;

	private final BriefSearch search;

	DashboardApi(Dashboard dashboard, FailedFiles failedFiles, Uploads uploads, BriefSearch search) {
		this.search = search;
		this.dashboard = dashboard;
		this.failedFiles = failedFiles;
		this.uploads = uploads;
	}

	@GetMapping("/jobs")
	List<Dashboard.JobView> jobs() {
		return this.dashboard.jobs();
	}

	/** The search of the dashboard's search page, with the same parameters. */
	@GetMapping("/search")
	BriefSearch.Results search(@RequestParam(required = false) String q, @RequestParam(required = false) String job,
			@RequestParam(required = false) String language, @RequestParam(required = false) String topic,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "1") int page) {
		return this.search.search(SearchParameters.filters(q, job, language, topic, outcome, from, to, page));
	}

	@GetMapping("/runs")
	List<RunRow> runs(@RequestParam(defaultValue = "50") int limit) {
		return this.dashboard.runs(Math.max(1, Math.min(limit, 1000)));
	}

	@GetMapping("/jobs/{job}/runs/{run}")
	Dashboard.RunDetail run(@PathVariable String job, @PathVariable long run) {
		return this.dashboard.run(job, run).orElseThrow(() -> notFound("run " + run + " of job '" + job + "'"));
	}

	@PostMapping("/jobs/{job}/runs")
	ResponseEntity<Map<String, Object>> runNow(@PathVariable String job) {
		boolean started = this.dashboard.runNow(job);
		return ResponseEntity.accepted().body(Map.of("job", job, "requested", true, "followUp", !started));
	}

	@GetMapping("/jobs/{job}/documents/{id}")
	Dashboard.BriefView brief(@PathVariable String job, @PathVariable long id) {
		return this.dashboard.brief(job, id).orElseThrow(() -> notFound("brief " + id + " of job '" + job + "'"));
	}

	@GetMapping("/failed")
	List<FailedFiles.FailedFile> failed() {
		return this.failedFiles.failedFiles();
	}

	@PostMapping("/jobs/{job}/failed/retry")
	Map<String, String> retry(@PathVariable String job, @RequestParam String file) throws IOException {
		return Map.of("job", job, "file", file, "requeuedAs", this.failedFiles.retry(job, file));
	}

	@PostMapping("/jobs/{job}/uploads")
	ResponseEntity<Uploads.UploadStatus> upload(@PathVariable String job, @RequestParam("file") MultipartFile file)
			throws IOException {
		try (InputStream content = file.getInputStream()) {
			String name = this.uploads.upload(job, file.getOriginalFilename(), content);
			URI status = UriComponentsBuilder.fromPath("/api/jobs/{job}/uploads")
				.queryParam("file", name)
				.buildAndExpand(job)
				.encode()
				.toUri();
			return ResponseEntity.created(status).body(this.uploads.uploadStatus(job, name));
		}
	}

	@GetMapping("/jobs/{job}/uploads")
	Uploads.UploadStatus uploadStatus(@PathVariable String job, @RequestParam String file) {
		return this.uploads.uploadStatus(job, file);
	}

	private static ResponseStatusException notFound(String what) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + what);
	}

}

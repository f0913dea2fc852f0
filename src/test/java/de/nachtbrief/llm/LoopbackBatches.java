package de.nachtbrief.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.nachtbrief.llm.LoopbackLlmServer.RecordedRequest;

/**
 * The OpenAI files and batches endpoints of the loopback server: an uploaded JSONL file
 * of chat requests becomes a batch whose requests the server answers as it answers chat
 * calls (they do not count as chat calls). A batch is {@code in_progress} for a set
 * number of status requests, then {@code completed}; it can instead expire with only its
 * first requests answered, or fail validation.
 */
final class LoopbackBatches {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

	private final Function<RecordedRequest, String> completion;

	private final Map<String, String> files = new ConcurrentHashMap<>();

	private final Map<String, Batch> batches = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	/** Every request line of every batch, as uploaded. */
	final List<JsonNode> lines = new CopyOnWriteArrayList<>();

	volatile int statusRequestsUntilDone = 1;

	/** When not negative: batches expire after answering this many requests. */
	volatile int expireAfter = -1;

	volatile boolean failValidation;

	/**
	 * @param completion the chat completion body the server answers a chat request with
	 */
	LoopbackBatches(Function<RecordedRequest, String> completion) {
		this.completion = completion;
	}

	/** Answers a files or batches request, or null when the path is neither. */
	Reply handle(RecordedRequest request) {
		String route = request.method() + " " + request.path();
		if (route.equals("POST /v1/files")) {
			return upload(request);
		}
		if (route.equals("POST /v1/batches")) {
			return create(request);
		}
		Matcher content = Pattern.compile("GET /v1/files/([^/]+)/content").matcher(route);
		if (content.matches()) {
			String file = this.files.get(content.group(1));
			return (file != null) ? new Reply(200, file) : notFound("file " + content.group(1));
		}
		Matcher batch = Pattern.compile("(GET|POST) /v1/batches/([^/]+)(/cancel)?").matcher(route);
		if (batch.matches()) {
			Batch found = this.batches.get(batch.group(2));
			if (found == null) {
				return notFound("batch " + batch.group(2));
			}
			if (batch.group(3) != null) {
				found.status = "cancelled";
			}
			else {
				found.advance();
			}
			return new Reply(200, found.json());
		}
		return null;
	}

	/** Every batch still in progress is done at its next status request. */
	void finishAll() {
		this.batches.values().forEach((batch) -> batch.statusRequestsLeft = 0);
	}

	int batchesCreated() {
		return this.batches.size();
	}

	private Reply upload(RecordedRequest request) {
		Matcher boundary = BOUNDARY.matcher(String.valueOf(request.header("Content-Type")));
		if (!boundary.find()) {
			return new Reply(400,
					LoopbackLlmServer.openAiError("expected multipart/form-data", "invalid_request_error", null));
		}
		String purpose = null;
		String file = null;
		for (String part : request.body().split("--" + Pattern.quote(boundary.group(1)))) {
			int split = part.indexOf("\r\n\r\n");
			if (split < 0) {
				continue;
			}
			String headers = part.substring(0, split);
			String value = part.substring(split + 4).replaceAll("\r\n$", "");
			if (headers.contains("name=\"purpose\"")) {
				purpose = value;
			}
			else if (headers.contains("name=\"file\"")) {
				file = value;
			}
		}
		if (!"batch".equals(purpose) || file == null) {
			return new Reply(400, LoopbackLlmServer.openAiError("purpose=batch and a file are required",
					"invalid_request_error", null));
		}
		String id = "file-" + this.ids.incrementAndGet();
		this.files.put(id, file);
		ObjectNode created = JSON.createObjectNode();
		created.put("id", id).put("object", "file").put("purpose", "batch").put("bytes", file.length());
		return new Reply(200, created.toString());
	}

	private Reply create(RecordedRequest request) {
		JsonNode body = request.json();
		String input = this.files.get(body.path("input_file_id").asText());
		if (input == null || !"/v1/chat/completions".equals(body.path("endpoint").asText())) {
			return new Reply(400,
					LoopbackLlmServer.openAiError("unknown input file or endpoint", "invalid_request_error", null));
		}
		Batch batch = new Batch("batch_" + this.ids.incrementAndGet(), this.statusRequestsUntilDone);
		List<String> answered = new ArrayList<>();
		List<String> failed = new ArrayList<>();
		for (String text : input.split("\n")) {
			if (text.isBlank()) {
				continue;
			}
			JsonNode line = read(text);
			this.lines.add(line);
			ObjectNode result = JSON.createObjectNode();
			result.put("id", "batch_req_" + this.ids.incrementAndGet());
			result.put("custom_id", line.path("custom_id").asText());
			if (this.expireAfter >= 0 && answered.size() >= this.expireAfter) {
				result.putNull("response");
				result.putObject("error")
					.put("code", "batch_expired")
					.put("message", "This request could not be executed before the completion window expired.");
				failed.add(result.toString());
				continue;
			}
			RecordedRequest chat = new RecordedRequest("POST", "/v1/chat/completions", Map.of(),
					line.path("body").toString());
			ObjectNode response = result.putObject("response");
			response.put("status_code", 200);
			response.put("request_id", "req_" + this.ids.incrementAndGet());
			response.set("body", read(this.completion.apply(chat)));
			result.putNull("error");
			answered.add(result.toString());
		}
		batch.total = answered.size() + failed.size();
		batch.answered = answered.size();
		batch.failed = failed.size();
		batch.finalStatus = this.failValidation ? "failed" : (failed.isEmpty() ? "completed" : "expired");
		if (!answered.isEmpty() && !this.failValidation) {
			batch.outputFile = "file-" + this.ids.incrementAndGet();
			this.files.put(batch.outputFile, String.join("\n", answered) + "\n");
		}
		if (!failed.isEmpty() && !this.failValidation) {
			batch.errorFile = "file-" + this.ids.incrementAndGet();
			this.files.put(batch.errorFile, String.join("\n", failed) + "\n");
		}
		this.batches.put(batch.id, batch);
		return new Reply(200, batch.json());
	}

	private static Reply notFound(String what) {
		return new Reply(404, LoopbackLlmServer.openAiError("No such " + what, "invalid_request_error", null));
	}

	private static JsonNode read(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("not JSON: " + text, ex);
		}
	}

	record Reply(int status, String body) {
	}

	private static final class Batch {

		final String id;

		volatile int statusRequestsLeft;

		String status = "validating";

		String finalStatus;

		int total;

		int answered;

		int failed;

		String outputFile;

		String errorFile;

		Batch(String id, int statusRequestsUntilDone) {
			this.id = id;
			this.statusRequestsLeft = statusRequestsUntilDone;
		}

		synchronized void advance() {
			if (this.status.equals("cancelled")) {
				return;
			}
			this.status = (this.statusRequestsLeft-- > 0) ? "in_progress" : this.finalStatus;
		}

		synchronized String json() {
			boolean done = this.status.equals(this.finalStatus);
			ObjectNode batch = JSON.createObjectNode();
			batch.put("id", this.id).put("object", "batch").put("endpoint", "/v1/chat/completions");
			batch.put("status", this.status).put("completion_window", "24h");
			batch.putObject("request_counts")
				.put("total", this.total)
				.put("completed", done ? this.answered : 0)
				.put("failed", done ? this.failed : 0);
			if (done) {
				batch.put("output_file_id", this.outputFile);
				batch.put("error_file_id", this.errorFile);
			}
			else {
				batch.putNull("output_file_id");
				batch.putNull("error_file_id");
			}
			return batch.toString();
		}

	}

}

package de.nachtbrief.extract;

import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The messages between {@link ExtractionWorkers} and {@link ExtractionWorkerMain}: one
 * JSON object per line, UTF-8. The child announces itself with {@link #READY}, then
 * answers every request line with one response line.
 */
final class WorkerProtocol {

	static final String READY = "{\"ready\":true}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private WorkerProtocol() {
	}

	/** Parse the file at {@code path} (absolute) within {@code limits}. */
	record Request(String path, ParserLimits limits) {

		Request {
			Objects.requireNonNull(path, "path");
			Objects.requireNonNull(limits, "limits");
		}

	}

	/** Either the document or the reason it yields none. */
	record Response(RawDocument document, String failure) {

		Response {
			if ((document == null) == (failure == null)) {
				throw new IllegalArgumentException("A response carries either a document or a failure");
			}
		}

		static Response of(RawDocument document) {
			return new Response(document, null);
		}

		static Response failed(String reason) {
			return new Response(null, reason);
		}

	}

	static String write(Object message) {
		try {
			return JSON.writeValueAsString(message);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Could not write " + message.getClass().getSimpleName(), ex);
		}
	}

	static <T> T read(String line, Class<T> type) {
		try {
			return JSON.readValue(line, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Not a " + type.getSimpleName() + " line", ex);
		}
	}

}

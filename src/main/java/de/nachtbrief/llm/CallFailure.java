package de.nachtbrief.llm;

import java.io.IOException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;

/**
 * What one failed model call means for the next step: retry, give up on the document, or
 * give up on the backend. {@code retryAfter} is the wait the server asked for, or null;
 * {@code detail} is one line safe to log.
 */
record CallFailure(Kind kind, int status, Duration retryAfter, String detail) {

	/** The kinds of failure, each with its own handling. */
	enum Kind {

		/** Usually passes: rate limit, overload, timeout, dropped connection. Retried. */
		TRANSIENT,
		/** 401 or 403. */
		KEY_REFUSED,
		/**
		 * 404, 405 or 501: the model does not exist, or the URL serves no chat API (a
		 * static file server answers a POST so).
		 */
		MODEL_UNKNOWN,
		/** The host name does not resolve. */
		UNREACHABLE,
		/** The prompt does not fit the model's window. */
		CONTEXT_TOO_LONG,
		/** Any other refusal; the same call would be refused again. */
		REJECTED

	}

	private static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 429, 500, 502, 503, 504, 529);

	private static final Set<Integer> NOT_SERVED_STATUSES = Set.of(404, 405, 501);

	private static final Pattern CONTEXT_TOO_LONG = Pattern.compile(
			"context_length_exceeded|maximum context length"
					+ "|context (length|window|size)|too many tokens|prompt is too long|input (is )?too long"
					+ "|input length exceeds|input token count|reduce the length of the (messages|prompt)",
			Pattern.CASE_INSENSITIVE);

	private static final int DETAIL_LIMIT = 200;

	static CallFailure of(RuntimeException failure, Instant now) {
		HttpException http = find(failure, HttpException.class);
		if (http != null) {
			return ofStatus(http, now);
		}
		if (failure instanceof TimeoutException || find(failure, HttpTimeoutException.class) != null) {
			return new CallFailure(Kind.TRANSIENT, 0, null, "timed out");
		}
		if (failure instanceof UnresolvedModelServerException || find(failure, UnknownHostException.class) != null
				|| find(failure, UnresolvedAddressException.class) != null) {
			return new CallFailure(Kind.UNREACHABLE, 0, null, "host name does not resolve");
		}
		IOException io = find(failure, IOException.class);
		if (io != null) {
			String detail = "connection failed (" + io.getClass().getSimpleName() + ")";
			return new CallFailure(Kind.TRANSIENT, 0, null, detail);
		}
		// The local backend says so when a prompt leaves too little of its window.
		if (failure instanceof InvalidRequestException && failure.getMessage() != null
				&& CONTEXT_TOO_LONG.matcher(failure.getMessage()).find()) {
			return new CallFailure(Kind.CONTEXT_TOO_LONG, 0, null, oneLine(failure.getMessage()));
		}
		return new CallFailure(Kind.REJECTED, 0, null,
				failure.getClass().getSimpleName() + ": " + oneLine(failure.getMessage()));
	}

	private static CallFailure ofStatus(HttpException http, Instant now) {
		int status = http.statusCode();
		if (TRANSIENT_STATUSES.contains(status)) {
			Duration retryAfter = (http instanceof RetryAfterHttpClient.RetryAfterHttpException withHeader)
					? retryAfter(withHeader.retryAfter(), now) : null;
			return new CallFailure(Kind.TRANSIENT, status, retryAfter, "HTTP " + status);
		}
		if (status == 401 || status == 403) {
			// The body may echo the key, so it stays out of the detail.
			return new CallFailure(Kind.KEY_REFUSED, status, null, "HTTP " + status);
		}
		if (NOT_SERVED_STATUSES.contains(status)) {
			// A web server's HTML error page says nothing a log line needs.
			String body = http.getMessage() == null || http.getMessage().strip().startsWith("<") ? ""
					: ": " + oneLine(http.getMessage());
			return new CallFailure(Kind.MODEL_UNKNOWN, status, null, "HTTP " + status + body);
		}
		String body = http.getMessage() == null ? "" : http.getMessage();
		boolean tooLong = status == 413 || ((status == 400 || status == 422) && CONTEXT_TOO_LONG.matcher(body).find());
		return new CallFailure(tooLong ? Kind.CONTEXT_TOO_LONG : Kind.REJECTED, status, null,
				"HTTP " + status + ": " + oneLine(body));
	}

	/**
	 * The wait a {@code Retry-After} header asks for, in seconds or as an HTTP date; null
	 * when unreadable.
	 */
	static Duration retryAfter(String header, Instant now) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.strip();
		if (value.chars().allMatch(Character::isDigit)) {
			return value.length() > 9 ? Duration.ofSeconds(999_999_999) : Duration.ofSeconds(Long.parseLong(value));
		}
		try {
			Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		Throwable cause = failure;
		// The depth limit guards against cause chains that loop.
		for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static String oneLine(String text) {
		String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
		return line.length() > DETAIL_LIMIT ? line.substring(0, DETAIL_LIMIT) + "…" : line;
	}

}

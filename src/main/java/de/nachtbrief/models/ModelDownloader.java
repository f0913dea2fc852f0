package de.nachtbrief.models;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.nachtbrief.Hashes;

/**
 * Downloads one model file. Model files run to gigabytes and home connections break, so
 * the bytes go to a {@code .part} file that the next attempt resumes with a range
 * request; the model file appears only after its size and SHA-256 are checked. A
 * connection that goes quiet without closing is given up after an idle time, keeping the
 * .part file, so a half-open connection cannot freeze the download.
 */
public final class ModelDownloader {

	private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");

	/**
	 * What a 416 answer says the whole file is: {@code Content-Range: bytes *}{@code /N}.
	 */
	private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes \\*/(\\d+)");

	/** Long enough for a slow host or a congested link, short of seeming frozen. */
	static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

	private final HttpClient http;

	private final DownloadProgress progress;

	private final Duration idle;

	public ModelDownloader(HttpClient http, DownloadProgress progress) {
		this(http, progress, IDLE_TIMEOUT);
	}

	/**
	 * @param idle how long to wait for the answer's headers, and then for more bytes,
	 * before giving up; tests shorten it
	 */
	ModelDownloader(HttpClient http, DownloadProgress progress, Duration idle) {
		this.http = Objects.requireNonNull(http, "http");
		this.progress = Objects.requireNonNull(progress, "progress");
		this.idle = Objects.requireNonNull(idle, "idle");
		if (idle.isNegative() || idle.isZero()) {
			throw new IllegalArgumentException("idle must be positive, not " + idle);
		}
	}

	/** A client for model hosts: Hugging Face answers with a redirect to its CDN. */
	public static HttpClient httpClient() {
		return HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(30))
			.build();
	}

	/**
	 * Downloads {@code url} to {@code target}, resuming an earlier attempt's .part file.
	 * @param sha256 the file's SHA-256 in hex, or null when unknown
	 * @param expectedSize the file's size in bytes, or -1 when unknown
	 * @return the target, complete and checked
	 */
	public Path download(URI url, Path target, String sha256, long expectedSize) {
		String hash = (sha256 != null) ? sha256.toLowerCase(Locale.ROOT) : null;
		if (Files.exists(target)) {
			return alreadyThere(target, hash);
		}
		PartFile part = PartFile.beside(target);
		Path done = attempt(url, part, part.size(), hash, expectedSize);
		if (done == null) {
			// The server answered the range from another offset; its whole file is safe.
			done = attempt(url, part, 0, hash, expectedSize);
		}
		return done;
	}

	/**
	 * One request, for the bytes after {@code kept}.
	 * @return the target, or null when the server answered the range with bytes from
	 * another offset, so the caller should ask again from the start
	 */
	private Path attempt(URI url, PartFile part, long kept, String hash, long expectedSize) {
		HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(url, kept, part);
		try (BodyChunks body = BodyChunks.of(response.body(), this.idle)) {
			int status = response.statusCode();
			if (status == 416 && kept > 0) {
				long serverSize = unsatisfiedTotal(response);
				if (kept == expectedSize || kept == serverSize) {
					// Every byte is kept already; complete() still checks size and hash.
					return part.complete(part.hashKept(), expectedSize, hash);
				}
				String has = (serverSize >= 0) ? "the server's file has " + serverSize + " bytes, not the "
						: "the server has no bytes after the ";
				throw part
					.wrong("HTTP 416 from " + shown(url) + ": " + has + kept + " kept in " + part.name() + ".part");
			}
			if (status == 206 && kept > 0 && rangeStart(response) != kept) {
				return null;
			}
			boolean append = status == 206 && kept > 0;
			if (!append && status != 200) {
				throw new ModelDownloadException("HTTP " + status + " from " + shown(url) + " for " + part.name());
			}
			long start = append ? kept : 0;
			MessageDigest digest = append ? part.hashKept() : Hashes.sha256();
			long total = (expectedSize >= 0) ? expectedSize : total(response, start);
			transfer(body, part, append, digest, start, total);
			return part.complete(digest, expectedSize, hash);
		}
	}

	private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(URI url, long kept, PartFile part) {
		// The timeout covers the wait for the headers; BodyChunks watches the body.
		HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(this.idle);
		if (kept > 0) {
			request.header("Range", "bytes=" + kept + "-");
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
		}
		catch (HttpTimeoutException ex) {
			// A connect timeout is a subclass, but the host was never reached.
			String why = (ex instanceof HttpConnectTimeoutException) ? "cannot reach " + shown(url) + " (" + ex + ")"
					: "no answer from " + shown(url) + " for " + seconds(this.idle) + " s";
			throw part.stopped(why, ex);
		}
		catch (IOException ex) {
			throw part.stopped("cannot reach " + shown(url) + " (" + ex + ")", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw part.stopped("interrupted", ex);
		}
	}

	private void transfer(BodyChunks body, PartFile part, boolean append, MessageDigest digest, long start,
			long total) {
		this.progress.started(part.name(), start, total);
		long done = start;
		try (FileChannel out = part.open(append)) {
			for (ByteBuffer chunk = body.next(); chunk != null; chunk = body.next()) {
				digest.update(chunk.duplicate());
				while (chunk.hasRemaining()) {
					done += out.write(chunk);
				}
				this.progress.advanced(done, total);
			}
		}
		catch (BodyChunks.Idle ex) {
			throw part.stopped("no data arrived for " + seconds(this.idle) + " s", ex);
		}
		catch (IOException ex) {
			// A FileChannel closed by an interrupt keeps the thread's flag set.
			throw part.stopped(Thread.currentThread().isInterrupted() ? "interrupted" : String.valueOf(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw part.stopped("interrupted", ex);
		}
		finally {
			this.progress.finished(done);
		}
	}

	private static Path alreadyThere(Path target, String sha256) {
		if (sha256 == null) {
			return target;
		}
		String actual = PartFile.sha256Of(target);
		if (!actual.equals(sha256)) {
			throw new ModelDownloadException(target + " already exists but its SHA-256 is " + actual
					+ ", not the expected " + sha256 + "; delete or move it, then run the command again");
		}
		return target;
	}

	/** The first byte of a 206 answer, from {@code Content-Range: bytes 100-199/200}. */
	private static long rangeStart(HttpResponse<?> response) {
		Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
		return range.matches() ? Long.parseLong(range.group(1)) : -1;
	}

	/** The file's size from a 416's {@code Content-Range: bytes *}{@code /N}, or -1. */
	private static long unsatisfiedTotal(HttpResponse<?> response) {
		Matcher range = UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
		return range.matches() ? Long.parseLong(range.group(1)) : -1;
	}

	/** 0.3 for 300 ms, 60 for a minute. */
	private static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
	}

	private static long total(HttpResponse<?> response, long start) {
		Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
		if (range.matches() && !range.group(2).equals("*")) {
			return Long.parseLong(range.group(2));
		}
		long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
		return (length >= 0) ? start + length : -1;
	}

	/** The URL without its query, which may carry a signed token. */
	private static String shown(URI url) {
		String text = url.toString();
		int query = text.indexOf('?');
		return (query >= 0) ? text.substring(0, query) : text;
	}

}

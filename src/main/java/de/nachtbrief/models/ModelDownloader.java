package de.nachtbrief.models;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * request; the model file appears only after its size and SHA-256 are checked.
 */
public final class ModelDownloader {

	private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");

	private final HttpClient http;

	private final DownloadProgress progress;

	public ModelDownloader(HttpClient http, DownloadProgress progress) {
		this.http = Objects.requireNonNull(http, "http");
		this.progress = Objects.requireNonNull(progress, "progress");
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
		long kept = part.size();
		HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(url, kept, part);
		try (BodyChunks body = BodyChunks.of(response.body())) {
			int status = response.statusCode();
			if (status == 416 && kept > 0 && kept == expectedSize) {
				return part.complete(part.hashKept(), expectedSize, hash);
			}
			if (status == 416 && kept > 0) {
				throw part.wrong("HTTP 416 from " + shown(url) + ": the server has no bytes after the " + kept
						+ " kept in " + part.name() + ".part");
			}
			boolean append = status == 206 && kept > 0 && rangeStart(response) == kept;
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
		HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
		if (kept > 0) {
			request.header("Range", "bytes=" + kept + "-");
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
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

package de.nachtbrief.models;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A model host on 127.0.0.1: serves one file at {@code /model.gguf} with range requests,
 * redirects {@code /redirect} there, answers 404 elsewhere, and records every request. It
 * can cut the next answer off, stall it, ignore ranges or answer them from the wrong
 * offset, as real servers and networks do.
 */
final class LoopbackFileServer implements AutoCloseable {

	record Request(String path, String range) {
	}

	private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

	private final HttpServer server;

	private final byte[] file;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile boolean ignoreRanges;

	private volatile int cutAfter = -1;

	private volatile BooleanSupplier cutWhen;

	private volatile int stallAfter = -1;

	private volatile boolean stallBeforeHeaders;

	private volatile boolean misalignRanges;

	/** Holds stalled answers open, as a half-open connection would, until close. */
	private final CountDownLatch released = new CountDownLatch(1);

	/** A thread per exchange, so a stalled answer does not hold up the next request. */
	private final ExecutorService handlers = Executors.newCachedThreadPool();

	private LoopbackFileServer(HttpServer server, byte[] file) {
		this.server = server;
		this.file = file;
	}

	static LoopbackFileServer start(byte[] file) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		LoopbackFileServer files = new LoopbackFileServer(server, file);
		server.createContext("/", files::handle);
		server.setExecutor(files.handlers);
		server.start();
		return files;
	}

	URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	/**
	 * Cuts the next answer after {@code bytes}, once {@code clientHasThem} says the
	 * client has read them, so the test knows exactly what reached the disk.
	 */
	void cutNextAfter(int bytes, BooleanSupplier clientHasThem) {
		this.cutWhen = clientHasThem;
		this.cutAfter = bytes;
	}

	/**
	 * Sends the next answer's headers and {@code bytes} of its body, then nothing more
	 * without closing the connection until the server is closed.
	 */
	void stallNextAfter(int bytes) {
		this.stallAfter = bytes;
	}

	/** Accepts the next request but sends not even the headers until closed. */
	void stallNextBeforeHeaders() {
		this.stallBeforeHeaders = true;
	}

	void ignoreRanges() {
		this.ignoreRanges = true;
	}

	/**
	 * Answers a range with 206 but starts 1000 bytes before the offset asked for, as a
	 * server rounding to its own blocks might; its Content-Range says so.
	 */
	void misalignRanges() {
		this.misalignRanges = true;
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String range = exchange.getRequestHeaders().getFirst("Range");
		this.requests.add(new Request(path, range));
		if (this.stallBeforeHeaders) {
			this.stallBeforeHeaders = false;
			awaitClose();
			exchange.close();
			return;
		}
		if (path.equals("/redirect")) {
			exchange.getResponseHeaders().set("Location", "/model.gguf");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
			return;
		}
		if (!path.equals("/model.gguf")) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		Matcher asked = RANGE.matcher((range != null) ? range : "");
		int from = (asked.matches() && !this.ignoreRanges) ? Integer.parseInt(asked.group(1)) : 0;
		if (this.misalignRanges && from > 0 && from < this.file.length) {
			from = Math.max(1, from - 1000);
		}
		if (from >= this.file.length) {
			exchange.getResponseHeaders().set("Content-Range", "bytes */" + this.file.length);
			exchange.sendResponseHeaders(416, -1);
			exchange.close();
			return;
		}
		if (from > 0) {
			exchange.getResponseHeaders()
				.set("Content-Range", "bytes " + from + "-" + (this.file.length - 1) + "/" + this.file.length);
		}
		byte[] body = Arrays.copyOfRange(this.file, from, this.file.length);
		exchange.sendResponseHeaders((from > 0) ? 206 : 200, body.length);
		OutputStream out = exchange.getResponseBody();
		int stall = this.stallAfter;
		this.stallAfter = -1;
		if (stall >= 0) {
			out.write(body, 0, stall);
			out.flush();
			awaitClose();
			exchange.close();
			return;
		}
		int cut = this.cutAfter;
		this.cutAfter = -1;
		if (cut >= 0) {
			out.write(body, 0, cut);
			out.flush();
			waitFor(this.cutWhen);
			// Closing short of the announced Content-Length drops the connection.
			exchange.close();
			return;
		}
		out.write(body);
		exchange.close();
	}

	private static void waitFor(BooleanSupplier condition) {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void awaitClose() {
		try {
			this.released.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.released.countDown();
		this.server.stop(0);
		this.handlers.shutdownNow();
	}

}

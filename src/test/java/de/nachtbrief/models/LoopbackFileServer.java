package de.nachtbrief.models;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A model host on 127.0.0.1: serves one file at {@code /model.gguf} with range requests,
 * redirects {@code /redirect} there, answers 404 elsewhere, and records every request. It
 * can cut the next answer off or ignore ranges, as real servers and networks do.
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

	private LoopbackFileServer(HttpServer server, byte[] file) {
		this.server = server;
		this.file = file;
	}

	static LoopbackFileServer start(byte[] file) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		LoopbackFileServer files = new LoopbackFileServer(server, file);
		server.createContext("/", files::handle);
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

	void ignoreRanges() {
		this.ignoreRanges = true;
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String range = exchange.getRequestHeaders().getFirst("Range");
		this.requests.add(new Request(path, range));
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

	@Override
	public void close() {
		this.server.stop(0);
	}

}

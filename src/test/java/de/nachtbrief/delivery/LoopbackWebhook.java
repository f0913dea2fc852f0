package de.nachtbrief.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 that records every request and answers with scripted
 * statuses (200 once the script is used up). Public for the tests of {@code serve}.
 */
public final class LoopbackWebhook implements AutoCloseable {

	public record Request(String query, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

	private volatile String answer = "{\"errcode\":0,\"code\":0}";

	private LoopbackWebhook(HttpServer server) {
		this.server = server;
	}

	public static LoopbackWebhook start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		LoopbackWebhook webhook = new LoopbackWebhook(server);
		server.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			webhook.requests.add(new Request(exchange.getRequestURI().getRawQuery(),
					Map.copyOf(exchange.getRequestHeaders()), body));
			Integer status = webhook.statuses.poll();
			byte[] reply = webhook.answer.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status != null ? status : 200, reply.length);
			exchange.getResponseBody().write(reply);
			exchange.close();
		});
		server.start();
		return webhook;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook/T0KEN-in-the-path";
	}

	public void answerWith(Integer... statuses) {
		this.statuses.addAll(List.of(statuses));
	}

	public void answerBody(String body) {
		this.answer = body;
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

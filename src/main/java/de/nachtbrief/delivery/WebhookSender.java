package de.nachtbrief.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.nachtbrief.llm.ApiKeys;

/**
 * Posts chat and generic webhook messages with the JDK client. The URL and signing secret
 * are looked up at send time and never logged or recorded: they carry tokens.
 */
class WebhookSender {

	private static final ObjectMapper json = new ObjectMapper();

	private final HttpClient client;

	private final Duration timeout;

	WebhookSender(HttpClient client, Duration timeout) {
		this.client = client;
		this.timeout = timeout;
	}

	void send(OutboxMessage message, Instant now) throws DeliveryException {
		String url = ApiKeys.lookup(message.address());
		if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
			throw new DeliveryException("the variable " + message.address() + " holds no webhook URL", false);
		}
		String secret = null;
		if (message.secretEnv() != null) {
			secret = ApiKeys.lookup(message.secretEnv());
			if (secret == null) {
				throw new DeliveryException("the variable " + message.secretEnv() + " holds no signing secret", false);
			}
		}
		String body;
		if (message.channel() == Channel.WEBHOOK) {
			body = ChannelFormats.webhookBody(message);
		}
		else {
			long seconds = now.getEpochSecond();
			String feishuSign = secret != null && message.channel() == Channel.FEISHU
					? Signatures.feishu(seconds, secret) : null;
			body = ChannelFormats.body(message.channel(), message.title(), message.body(), feishuSign, seconds);
		}
		if (secret != null && message.channel() == Channel.DINGTALK) {
			long millis = now.toEpochMilli();
			url += (url.contains("?") ? "&" : "?") + "timestamp=" + millis + "&sign="
					+ Signatures.dingTalk(millis, secret);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(this.timeout)
			.header("Content-Type", "application/json; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (message.channel() == Channel.WEBHOOK) {
			request.header("Idempotency-Key", message.idempotencyKey());
		}
		HttpResponse<String> response;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new DeliveryException(redact(ex.getClass().getSimpleName() + ": " + ex.getMessage(), url), true);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeliveryException("interrupted while sending", true);
		}
		check(message.channel(), response.statusCode(), response.body(), url);
	}

	/**
	 * DingTalk, WeCom and Feishu answer 200 with an error code in the body; rate limits
	 * among them, so those are retried like a 5xx.
	 */
	private static void check(Channel channel, int status, String body, String url) throws DeliveryException {
		if (status == 408 || status == 429 || status >= 500) {
			throw new DeliveryException("HTTP " + status, true);
		}
		if (status >= 300) {
			throw new DeliveryException("HTTP " + status + ": " + redact(cut(body), url), false);
		}
		if (channel == Channel.SLACK || channel == Channel.TEAMS || channel == Channel.WEBHOOK) {
			return;
		}
		try {
			JsonNode answer = json.readTree(body);
			for (String field : new String[] { "errcode", "code", "StatusCode" }) {
				if (answer != null && answer.path(field).isNumber() && answer.path(field).asInt() != 0) {
					throw new DeliveryException(
							field + " " + answer.path(field).asInt() + ": " + redact(cut(body), url), true);
				}
			}
		}
		catch (IOException ex) {
			// Not JSON, so no error code in it: the status said it was accepted.
		}
	}

	private static String cut(String text) {
		return text == null ? "" : text.length() > 300 ? text.substring(0, 300) : text;
	}

	private static String redact(String text, String url) {
		return ApiKeys.redact(text.replace(url, "[webhook URL]"));
	}

}

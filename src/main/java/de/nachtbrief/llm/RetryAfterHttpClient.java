package de.nachtbrief.llm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

/**
 * The HTTP client under the LangChain4j models. It behaves like LangChain4j's JDK client,
 * except that an error response keeps its {@code Retry-After} header in a
 * {@link RetryAfterHttpException}: LangChain4j's own {@link HttpException} drops all
 * headers, and the retry layer needs that one.
 */
final class RetryAfterHttpClient implements HttpClient {

	private final java.net.http.HttpClient http;

	private final Duration readTimeout;

	/**
	 * LangChain4j's default client, for streaming and multipart calls, which this service
	 * does not make.
	 */
	private final HttpClient fallback;

	private RetryAfterHttpClient(Builder builder) {
		java.net.http.HttpClient.Builder http = java.net.http.HttpClient.newBuilder();
		if (builder.connectTimeout != null) {
			http.connectTimeout(builder.connectTimeout);
		}
		this.http = http.build();
		this.readTimeout = builder.readTimeout;
		this.fallback = HttpClientBuilderLoader.loadHttpClientBuilder()
			.connectTimeout(builder.connectTimeout)
			.readTimeout(builder.readTimeout)
			.build();
	}

	static Builder builder() {
		return new Builder();
	}

	@Override
	public SuccessfulHttpResponse execute(HttpRequest request) {
		if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
			return this.fallback.execute(request);
		}
		try {
			HttpResponse<byte[]> response = this.http.send(jdkRequest(request),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() < 200 || response.statusCode() > 299) {
				throw new RetryAfterHttpException(response.statusCode(),
						new String(response.body(), StandardCharsets.UTF_8),
						response.headers().firstValue("Retry-After").orElse(null));
			}
			return SuccessfulHttpResponse.builder()
				.statusCode(response.statusCode())
				.headers(response.headers().map())
				.body(CacheHits.asOpenAiReportsThem(new String(response.body(), StandardCharsets.UTF_8)))
				.build();
		}
		catch (HttpTimeoutException ex) {
			throw new TimeoutException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RuntimeException(ex);
		}
		catch (IOException ex) {
			throw new RuntimeException(ex);
		}
	}

	@Override
	public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
		this.fallback.execute(request, parser, listener);
	}

	private java.net.http.HttpRequest jdkRequest(HttpRequest request) {
		java.net.http.HttpRequest.Builder jdk = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
		request.headers().forEach((name, values) -> values.forEach((value) -> jdk.header(name, value)));
		jdk.method(request.method().name(),
				request.body() != null ? java.net.http.HttpRequest.BodyPublishers.ofString(request.body())
						: java.net.http.HttpRequest.BodyPublishers.noBody());
		if (this.readTimeout != null) {
			jdk.timeout(this.readTimeout);
		}
		return jdk.build();
	}

	/**
	 * An error response with the {@code Retry-After} header it came with, or null when it
	 * had none.
	 */
	static final class RetryAfterHttpException extends HttpException {

		private final String retryAfter;

		RetryAfterHttpException(int statusCode, String body, String retryAfter) {
			super(statusCode, body);
			this.retryAfter = retryAfter;
		}

		String retryAfter() {
			return this.retryAfter;
		}

	}

	/** Builds the client with the timeouts the LangChain4j model passes in. */
	static final class Builder implements HttpClientBuilder {

		private Duration connectTimeout;

		private Duration readTimeout;

		@Override
		public Duration connectTimeout() {
			return this.connectTimeout;
		}

		@Override
		public Builder connectTimeout(Duration timeout) {
			this.connectTimeout = timeout;
			return this;
		}

		@Override
		public Duration readTimeout() {
			return this.readTimeout;
		}

		@Override
		public Builder readTimeout(Duration timeout) {
			this.readTimeout = timeout;
			return this;
		}

		@Override
		public HttpClient build() {
			return new RetryAfterHttpClient(this);
		}

	}

}

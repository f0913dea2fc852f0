package de.nachtbrief.llm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One cheap request before a run starts, so that an unreachable backend or a refused key
 * ends the run at once with one clear line instead of failing every document. Only a
 * refused key or no connection counts: an endpoint that does not list models (404) is
 * still taken as reachable.
 */
final class Preflight {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private Preflight() {
	}

	static void check(String name, BackendProperties.Backend backend) {
		String base = backend.baseUrl().replaceAll("/+$", "");
		String path = backend.type() == BackendProperties.Type.OLLAMA ? "/api/tags" : "/models";
		HttpRequest.Builder request;
		try {
			request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
		}
		catch (IllegalArgumentException ex) {
			throw new BackendUnavailableException(
					"backend '" + name + "' has an invalid base-url '" + backend.baseUrl() + "'", ex);
		}
		String key = backend.apiKey();
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		int status;
		try {
			status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new BackendUnavailableException("backend '" + name + "' is unreachable at " + backend.baseUrl() + " ("
					+ ex.getClass().getSimpleName() + ")", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BackendUnavailableException("interrupted while checking backend '" + name + "'", ex);
		}
		if (status == 401 || status == 403) {
			throw new BackendUnavailableException(
					"backend '" + name + "' refused the API key (HTTP " + status + "); " + keyHint(backend), null);
		}
	}

	/** What to check about a refused key: the variable to look at, never the key. */
	static String keyHint(BackendProperties.Backend backend) {
		if (backend.apiKeyEnv() == null || backend.apiKeyEnv().isBlank()) {
			return "no api-key-env is configured for it";
		}
		return backend.apiKey() == null ? backend.apiKeyEnv() + " is not set" : "check " + backend.apiKeyEnv();
	}

}

package de.nachtbrief.llm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One cheap request before a run starts, so that an unreachable backend, a refused key or
 * a model the backend does not list ends the run at once with one clear line instead of
 * failing every document. An endpoint that does not list models (404), or lists none, is
 * still taken as reachable and its model as known.
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
		HttpResponse<String> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new BackendUnavailableException("backend '" + name + "' is unreachable at " + backend.baseUrl() + " ("
					+ ex.getClass().getSimpleName() + ")", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BackendUnavailableException("interrupted while checking backend '" + name + "'", ex);
		}
		int status = response.statusCode();
		if (status == 401 || status == 403) {
			throw new BackendUnavailableException(
					"backend '" + name + "' refused the API key (HTTP " + status + "); " + keyHint(backend), null);
		}
		ModelListing listing = status == 200 ? ModelListing.parse(backend.type(), response.body()) : null;
		if (listing != null && !listing.offers(backend.type(), backend.model())) {
			throw new BackendUnavailableException("backend '" + name + "' does not offer the model '" + backend.model()
					+ "' at " + backend.baseUrl() + "; it offers: " + listing.shown(), null);
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

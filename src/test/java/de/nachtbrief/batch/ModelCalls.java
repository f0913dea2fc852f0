package de.nachtbrief.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import de.nachtbrief.llm.LoopbackLlmServer.RecordedRequest;

/** How the crash tests tell a model call asked again from a new one. */
final class ModelCalls {

	private ModelCalls() {
	}

	/**
	 * As the ledger hashes a prompt: both messages, the random boundary replaced by a
	 * fixed word.
	 */
	static String promptSha256(RecordedRequest request) {
		String system = request.messages().get(0).path("content").asText();
		String user = request.messages().get(1).path("content").asText();
		String stable = (system + "\u0000" + user).replaceAll("SOURCE-[0-9a-f]{16}", "BOUNDARY");
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(stable.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The request without its random boundary: the same call asked again has the same
	 * key.
	 */
	static String stableKey(RecordedRequest request) {
		return request.allMessageText().replaceAll("SOURCE-[0-9a-f]{16}", "BOUNDARY");
	}

	/** Requests among these for a call the ledger had recorded as completed. */
	static long askedAgain(List<RecordedRequest> requests, Set<String> recorded) {
		return requests.stream().filter((request) -> recorded.contains(promptSha256(request))).count();
	}

	/** Model latency, so that kills land while calls are in flight. */
	static Function<RecordedRequest, String> slowly(Function<RecordedRequest, String> answer) {
		return (request) -> {
			try {
				Thread.sleep(60 + Math.floorMod(request.body().hashCode(), 120));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return answer.apply(request);
		};
	}

}

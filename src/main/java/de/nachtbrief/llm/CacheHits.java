package de.nachtbrief.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The prompt tokens a provider served from its cache, in the field LangChain4j reads.
 * OpenAI reports them as {@code usage.prompt_tokens_details.cached_tokens}; DeepSeek, and
 * servers copying its API, as {@code usage.prompt_cache_hit_tokens}, which LangChain4j
 * drops, so those cache hits would be priced as full input.
 */
final class CacheHits {

	private static final ObjectMapper json = new ObjectMapper();

	private static final String DEEPSEEK_FIELD = "prompt_cache_hit_tokens";

	private CacheHits() {
	}

	/**
	 * The cached prompt tokens a usage object reports: OpenAI's field, else DeepSeek's.
	 */
	static long cachedTokens(JsonNode usage) {
		JsonNode openAi = usage.path("prompt_tokens_details").path("cached_tokens");
		return openAi.isMissingNode() ? usage.path(DEEPSEEK_FIELD).asLong() : openAi.asLong();
	}

	/**
	 * The response body, with DeepSeek's cache hits copied to where OpenAI reports them
	 * when only DeepSeek's field is there; any other body as it is.
	 */
	static String asOpenAiReportsThem(String body) {
		if (!body.contains(DEEPSEEK_FIELD)) {
			return body;
		}
		try {
			JsonNode root = json.readTree(body);
			JsonNode usage = root.path("usage");
			JsonNode hits = usage.path(DEEPSEEK_FIELD);
			if (!(usage instanceof ObjectNode fields) || !hits.canConvertToInt()
					|| usage.path("prompt_tokens_details").has("cached_tokens")) {
				return body;
			}
			JsonNode details = fields.path("prompt_tokens_details");
			ObjectNode openAiDetails = (details instanceof ObjectNode existing) ? existing
					: fields.putObject("prompt_tokens_details");
			openAiDetails.put("cached_tokens", hits.asInt());
			return json.writeValueAsString(root);
		}
		catch (JsonProcessingException ex) {
			// Not JSON after all: LangChain4j reports that better than this could.
			return body;
		}
	}

}

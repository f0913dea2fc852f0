package de.nachtbrief.batch;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.nachtbrief.brief.WrittenIn;
import de.nachtbrief.llm.LoopbackLlmServer.RecordedRequest;

/**
 * The answers a loopback model server gives in the functional tests: a brief built from
 * the first two sentences of the source it was sent (never the last), written for every
 * language the request's schema asks for: in German as it is, in other languages as a
 * short text in that language quoting the German's first words, tagged with the language.
 * {@link #answerWithInventions} also slips in a number and a link that are not in the
 * source, every time it is asked, which the grounding check must take out.
 */
public final class ScriptedModel {

	static final String INVENTED_FIGURE = "987654";

	static final String INVENTED_LINK = "https://phishing.example/login";

	private static final ObjectMapper json = new ObjectMapper();

	private static final Pattern FENCED = Pattern.compile("<<<(SOURCE-[0-9a-f]+)\\n(.*?)\\n\\1>>>", Pattern.DOTALL);

	private ScriptedModel() {
	}

	/** A brief that holds only what the source says. */
	public static String answer(RecordedRequest request) {
		return answer(request, false);
	}

	/** A brief with an invented number and link, however often the model is corrected. */
	public static String answerWithInventions(RecordedRequest request) {
		return answer(request, true);
	}

	private static String answer(RecordedRequest request, boolean invent) {
		String system = request.messages().get(0).path("content").asText();
		String user = request.messages().get(1).path("content").asText();
		Matcher fenced = FENCED.matcher(user);
		if (!fenced.find()) {
			throw new AssertionError("the user message holds no fenced data: " + user);
		}
		JsonNode numbers = schema(request).at("/properties/documents/required");
		if (!numbers.isMissingNode()) {
			return pack(numbers, schema(request).at("/$defs/BriefDraft/properties/briefs/required"), fenced, invent);
		}
		JsonNode languages = schema(request).at("/properties/briefs/required");
		if (system.startsWith("You translate")) {
			return translate(languages, fenced.group(2));
		}
		ObjectNode brief = summarize(fenced.group(2), invent);
		return languages.isMissingNode() ? brief.toString() : draft(languages, brief);
	}

	/** Several sources in one call: each one's draft under its number. */
	private static String pack(JsonNode numbers, JsonNode languages, Matcher fenced, boolean invent) {
		ObjectNode documents = json.createObjectNode();
		int source = 0;
		do {
			try {
				documents.set(numbers.get(source++).asText(),
						json.readTree(draft(languages, summarize(fenced.group(2), invent))));
			}
			catch (Exception ex) {
				throw new AssertionError(ex);
			}
		}
		while (fenced.find());
		ObjectNode answer = json.createObjectNode();
		answer.set("documents", documents);
		return answer.toString();
	}

	/** The answer's JSON schema, as either protocol sends it. */
	private static JsonNode schema(RecordedRequest request) {
		JsonNode openAi = request.responseFormat().path("json_schema").path("schema");
		return openAi.isMissingNode() ? request.ollamaFormat() : openAi;
	}

	private static ObjectNode summarize(String source, boolean invent) {
		List<String> sentences = Arrays.stream(source.split("(?<=[.!?])\\s+")).filter((s) -> s.length() > 20).toList();
		ObjectNode brief = json.createObjectNode();
		brief.put("headline", sentences.get(0));
		brief.put("summary", String.join(" ", sentences.subList(0, Math.min(2, sentences.size()))));
		ArrayNode keyPoints = brief.putArray("keyPoints");
		sentences.stream().skip(1).limit(1).forEach(keyPoints::add);
		if (invent) {
			keyPoints.add("Die Stadt rechnet mit " + INVENTED_FIGURE + " Besuchern.");
			keyPoints.add("Mehr dazu unter " + INVENTED_LINK);
		}
		brief.putArray("people");
		brief.putArray("organisations");
		brief.putArray("places");
		ArrayNode figures = brief.putArray("figures");
		Matcher number = Pattern.compile("\\d+(?:[.,]\\d+)*").matcher(source);
		if (number.find()) {
			figures.addObject().put("value", number.group()).put("context", "aus dem Text");
		}
		if (invent) {
			figures.addObject().put("value", INVENTED_FIGURE).put("context", "erfunden");
		}
		brief.putArray("quotes");
		brief.putArray("topics").add("Test");
		return brief;
	}

	/** The brief's facts once, and its prose tagged per language asked for. */
	private static String draft(JsonNode languages, ObjectNode brief) {
		ObjectNode draft = json.createObjectNode();
		for (String fact : List.of("people", "organisations", "places", "quotes")) {
			draft.set(fact, brief.remove(fact));
		}
		brief.putArray("quotes");
		draft.set("briefs", prose(languages, brief));
		return draft.toString();
	}

	private static String translate(JsonNode languages, String proseJson) {
		try {
			ObjectNode translations = json.createObjectNode();
			translations.set("briefs", prose(languages, json.readTree(proseJson)));
			return translations.toString();
		}
		catch (Exception ex) {
			throw new AssertionError("the translate call did not carry a JSON brief", ex);
		}
	}

	/**
	 * The prose in each language asked for: German as it is; English and Chinese as a
	 * short text in that language and script that quotes the German's first words, so
	 * that a brief still shows which source it was made from.
	 */
	private static ObjectNode prose(JsonNode languages, JsonNode prose) {
		ObjectNode briefs = json.createObjectNode();
		for (JsonNode language : languages) {
			String code = language.asText();
			ObjectNode written = prose.deepCopy();
			if (!code.equals("de")) {
				written.put("headline",
						WrittenIn.sentence(code, "headline", WrittenIn.firstWords(prose.path("headline").asText(), 4)));
				written.put("summary",
						WrittenIn.sentence(code, "summary", WrittenIn.firstWords(prose.path("summary").asText(), 6)));
				ArrayNode keyPoints = written.putArray("keyPoints");
				prose.path("keyPoints")
					.forEach((point) -> keyPoints
						.add(WrittenIn.sentence(code, "point", WrittenIn.firstWords(point.asText(), 5))));
			}
			briefs.set(code, written);
		}
		return briefs;
	}

}

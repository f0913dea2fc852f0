package de.nachtbrief.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.nachtbrief.llm.LoopbackLlmServer.RecordedRequest;

/**
 * The answers a loopback model server gives in the functional tests: a summary built from
 * the first two sentences of the source it was sent (never the last), and a "translation"
 * that tags each text with the target language. It also slips in a number and a link that
 * are not in the source, which the grounding check must take out.
 */
public final class ScriptedModel {

	static final String INVENTED_FIGURE = "987654";

	static final String INVENTED_LINK = "https://phishing.example/login";

	private static final ObjectMapper json = new ObjectMapper();

	private static final Pattern FENCED = Pattern.compile("<<<(SOURCE-[0-9a-f]+)\\n(.*)\\n\\1>>>", Pattern.DOTALL);

	private ScriptedModel() {
	}

	public static String answer(RecordedRequest request) {
		String system = request.messages().get(0).path("content").asText();
		String user = request.messages().get(1).path("content").asText();
		Matcher fenced = FENCED.matcher(user);
		if (!fenced.find()) {
			throw new AssertionError("the user message holds no fenced data: " + user);
		}
		return system.startsWith("You translate") ? translate(system, fenced.group(2)) : summarize(fenced.group(2));
	}

	private static String summarize(String source) {
		List<String> sentences = Arrays.stream(source.split("(?<=[.!?])\\s+")).filter((s) -> s.length() > 20).toList();
		ObjectNode brief = json.createObjectNode();
		brief.put("headline", sentences.get(0));
		brief.put("summary", String.join(" ", sentences.subList(0, Math.min(2, sentences.size()))));
		ArrayNode keyPoints = brief.putArray("keyPoints");
		sentences.stream().skip(1).limit(1).forEach(keyPoints::add);
		keyPoints.add("Die Stadt rechnet mit " + INVENTED_FIGURE + " Besuchern.");
		keyPoints.add("Mehr dazu unter " + INVENTED_LINK);
		brief.putArray("people");
		brief.putArray("organisations");
		brief.putArray("places");
		ArrayNode figures = brief.putArray("figures");
		Matcher number = Pattern.compile("\\d+(,\\d+)?").matcher(source);
		if (number.find()) {
			figures.addObject().put("value", number.group()).put("context", "aus dem Text");
		}
		figures.addObject().put("value", INVENTED_FIGURE).put("context", "erfunden");
		brief.putArray("quotes");
		brief.putArray("topics").add("Test");
		return brief.toString();
	}

	private static String translate(String system, String briefJson) {
		String tag = system.contains("Simplified Chinese") ? "【简体】"
				: system.contains("Traditional Chinese") ? "【繁體】" : "[EN] ";
		try {
			JsonNode brief = json.readTree(briefJson);
			ObjectNode translated = brief.deepCopy();
			translated.put("headline", tag + brief.path("headline").asText());
			translated.put("summary", tag + brief.path("summary").asText());
			ArrayNode keyPoints = translated.putArray("keyPoints");
			List<String> points = new ArrayList<>();
			brief.path("keyPoints").forEach((point) -> points.add(tag + point.asText()));
			points.forEach(keyPoints::add);
			return translated.toString();
		}
		catch (Exception ex) {
			throw new AssertionError("the translate call did not carry a JSON brief", ex);
		}
	}

}

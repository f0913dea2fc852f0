package de.nachtbrief.llm;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer with one entry per language (issue 12, part 1): the keys asked for go into
 * the schema as required properties over both protocols, an answer that lacks one or
 * leaves one's text empty is asked for once more with the gap named, and the ledger gives
 * such answers back whole.
 */
class AnswerFormatTests {

	/** A note per language. */
	record Notes(List<String> people, Map<String, Note> byLanguage) {
	}

	private static final AnswerFormat<Notes> EN_ZH = AnswerFormat.of(Notes.class)
		.withKeys("byLanguage", List.of("en", "zh"));

	private static final String EN = "{\"headline\":\"Council passes budget\",\"topics\":[\"politics\"]}";

	private static final String ZH = "{\"headline\":\"市议会通过预算\",\"topics\":[\"政治\"]}";

	private static final String BOTH = "{\"people\":[],\"byLanguage\":{\"en\":" + EN + ",\"zh\":" + ZH + "}}";

	private final LoopbackLlmServer server = LoopbackLlmServer.start();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void everyKeyIsARequiredPropertyOfTheSchemaSentOverEitherProtocol() {
		this.server.answer((request) -> BOTH);

		Answer<Notes> answer = openAi().ask(Note.PROMPT, EN_ZH);
		ollama().ask(Note.PROMPT, EN_ZH);

		assertThat(answer.value().byLanguage().get("zh").headline()).isEqualTo("市议会通过预算");
		List<JsonNode> schemas = List.of(this.server.chatRequests().get(0).responseFormat().at("/json_schema/schema"),
				this.server.chatRequests().get(1).ollamaFormat());
		assertThat(schemas).allSatisfy((schema) -> {
			JsonNode byLanguage = schema.at("/properties/byLanguage");
			assertThat(byLanguage.path("required")).extracting(JsonNode::asText).containsExactly("en", "zh");
			// The note's schema is sent once, not once per language.
			assertThat(byLanguage.at("/properties/zh/$ref").asText()).isEqualTo("#/$defs/Note");
			assertThat(byLanguage.at("/properties/en/$ref").asText()).isEqualTo("#/$defs/Note");
			assertThat(schema.at("/$defs/Note/properties/headline/type").asText()).isEqualTo("string");
		});
		// Ollama's client leaves additionalProperties out; OpenAI's strict mode needs it.
		assertThat(schemas.get(0).at("/properties/byLanguage/additionalProperties").asBoolean(true)).isFalse();
	}

	@Test
	void anAnswerLackingALanguageIsAskedForOnceMoreNamingIt() {
		this.server.answer((request) -> this.server.chatCalls() == 1
				? "{\"people\":[],\"byLanguage\":{\"en\":" + EN + "}}" : BOTH);

		Answer<Notes> answer = openAi().ask(Note.PROMPT, EN_ZH);

		assertThat(answer.value().byLanguage()).containsOnlyKeys("en", "zh");
		assertThat(this.server.chatRequests().get(1).allMessageText())
			.contains("'byLanguage' lacks 'zh'; write every one asked for");
	}

	@Test
	void anEmptyHeadlineInOneLanguageIsNamedWithItsPath() {
		this.server.answer((request) -> this.server.chatCalls() == 1 ? BOTH.replace("市议会通过预算", " ") : BOTH);

		openAi().ask(Note.PROMPT, EN_ZH);

		assertThat(this.server.chatRequests().get(1).allMessageText())
			.contains("'byLanguage.zh.headline' is empty; write it");
	}

	@Test
	void theLedgerReplaysAnAnswerPerLanguageWhole() {
		this.server.answer((request) -> BOTH);
		CallLedger ledger = InMemoryLedger.create();
		new LedgerBackend(openAi(), ledger, false, new SimpleMeterRegistry()).ask(Note.PROMPT, EN_ZH);

		Answer<Notes> replayed = new LedgerBackend(openAi(), ledger, false, new SimpleMeterRegistry()).ask(Note.PROMPT,
				EN_ZH);
		Answer<Notes> otherLanguages = new LedgerBackend(openAi(), ledger, false, new SimpleMeterRegistry())
			.ask(Note.PROMPT, AnswerFormat.of(Notes.class).withKeys("byLanguage", List.of("en")));

		assertThat(replayed.value()).isEqualTo(new Notes(List.of(), Map.of("en",
				new Note("Council passes budget", List.of("politics")), "zh", new Note("市议会通过预算", List.of("政治")))));
		assertThat(replayed.usage().calls()).isZero();
		assertThat(otherLanguages.usage().calls()).as("other languages are another question").isEqualTo(1);
		assertThat(this.server.chatCalls()).isEqualTo(2);
	}

	private ModelBackend openAi() {
		return new LoopbackBackends().openAi("loop", this.server, "m")
			.registry(new RecordingClock())
			.resolve("loop", null, null)
			.model();
	}

	private ModelBackend ollama() {
		return new LoopbackBackends().ollama("local", this.server, "m")
			.registry(new RecordingClock())
			.resolve("local", null, null)
			.model();
	}

}

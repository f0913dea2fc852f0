package de.nachtbrief.brief;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.BackendExhaustedException;
import de.nachtbrief.llm.BackendProperties;
import de.nachtbrief.llm.BackendRegistry;
import de.nachtbrief.llm.ContextTooLongException;
import de.nachtbrief.llm.FailoverBackend;
import de.nachtbrief.llm.LoopbackLlmServer;
import de.nachtbrief.llm.ModelAnswerException;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.Prompt;
import de.nachtbrief.llm.RetryClock;
import de.nachtbrief.llm.Usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

class ModelBrieferTests {

	private static final JobDefinition.Shape SHAPE = new JobDefinition.Shape(4, 3, null);

	private static final String ARTICLE = "Die Stadt Ulm baut eine neue Brücke für 12 Millionen Euro. "
			+ "Oberbürgermeister Karl Brandt nannte das Projekt wichtig. Die Arbeiten beginnen im März.";

	@Test
	void writesEveryLanguageFromOneReadOfTheSource() {
		ScriptedBackend model = new ScriptedBackend(32_000, ModelBrieferTests::answer);
		BriefSet briefs = new ModelBriefer(model, model).brief(german(ARTICLE), SHAPE,
				List.of(Language.EN, Language.ZH, Language.ZH_HANT));

		assertThat(model.prompts).hasSize(1);
		Prompt brief = model.prompts.get(0);
		assertThat(brief.system()).contains("exactly 3 sentences")
			.contains("4 short facts")
			.contains("\"en\" (English), \"zh\" (Simplified Chinese (简体中文))")
			.doesNotContain("zh-Hant")
			.doesNotContain(ARTICLE);
		assertThat(brief.user()).containsPattern("<<<SOURCE-[0-9a-f]{16}\\n").contains(ARTICLE);
		// Traditional Chinese is converted from Simplified with OpenCC, not written
		// twice.
		assertThat(model.formats.get(0).keys()).containsEntry("briefs", List.of("en", "zh"));
		assertThat(briefs.briefs()).containsOnlyKeys("en", "zh", "zh-Hant");
		assertThat(briefs.briefs().values()).allSatisfy((localized) -> {
			assertThat(localized.writtenIn()).isEqualTo(localized.language());
			assertThat(localized.brief().people()).containsExactly("Karl Brandt");
		});
		assertThat(briefs.briefs().get("en").brief().headline()).isEqualTo("[en] News: Ulm baut eine Brücke");
		assertThat(briefs.briefs().get("zh").brief().headline()).isEqualTo("【简体】新闻：Ulm baut eine Brücke");
		assertThat(briefs.briefs().get("zh-Hant").brief().headline()).isEqualTo("【簡體】新聞：Ulm baut eine Brücke");
		assertThat(briefs.briefs().get("zh-Hant").brief().summary()).contains("本文開頭寫道").doesNotContain("开头");
		assertThat(briefs.usage().calls()).isEqualTo(1);
		assertThat(briefs.translateBackend()).as("the one call translated too").isEqualTo("scripted");
	}

	@Test
	void aSeparateTranslatorGetsOneCallForAllLanguagesWithTheProseOnly() {
		ScriptedBackend summarizer = new ScriptedBackend("deepseek", "deepseek-chat", 32_000, (prompt) -> {
			Brief brief = answer(prompt);
			List<String> keyPoints = new java.util.ArrayList<>(brief.keyPoints());
			keyPoints.add("Sie kostet 987.654 Euro.");
			return new Brief(brief.headline(), brief.summary(), keyPoints, brief.people(), brief.organisations(),
					brief.places(), brief.figures(), brief.quotes(), brief.topics());
		});
		ScriptedBackend translator = new ScriptedBackend("ollama", "qwen3:8b", 32_000, ModelBrieferTests::answer);
		BriefSet briefs = new ModelBriefer(summarizer, translator).brief(german(ARTICLE), SHAPE,
				List.of(Language.EN, Language.ZH));

		assertThat(summarizer.prompts).as("asked once more, naming the invented figure").hasSize(2);
		assertThat(summarizer.prompts.get(1).user()).contains("Sie kostet 987.654 Euro.");
		assertThat(summarizer.formats.get(0).keys()).containsEntry("briefs", List.of("de"));
		assertThat(translator.prompts).hasSize(1);
		assertThat(translator.formats.get(0).keys()).containsEntry("briefs", List.of("en", "zh"));
		Prompt translation = translator.prompts.get(0);
		assertThat(translation.user()).as("the prose, not the source nor the facts")
			.contains("Ulm baut eine Brücke")
			.doesNotContain("Oberbürgermeister")
			.doesNotContain("Karl Brandt");
		assertThat(briefs.briefs().get("zh").brief().headline()).startsWith("【简体】");
		// What the check took out of the German brief concerns both translations.
		assertThat(briefs.removedByCheck())
			.containsExactly("key point with a number or link not found in the source: Sie kostet 987.654 Euro.");
		assertThat(briefs.briefs().get("zh").brief().people()).containsExactly("Karl Brandt");
		assertThat(briefs.usage().calls()).isEqualTo(3);
	}

	@Test
	void aQuoteKeepsItsWordsInTheSourceLanguageAndItsSpeakerInEvery() {
		ScriptedBackend model = new ScriptedBackend(32_000,
				(prompt) -> new Brief("Ulm baut eine Brücke", "Die Stadt Ulm baut eine neue Brücke.", List.of(),
						List.of("Karl Brandt"), List.of(), List.of(), List.of(),
						List.of(new Brief.Quote("Karl Brandt", "Das Projekt ist wichtig"),
								new Brief.Quote("Karl Brandt", "Wir bauen für 99 Millionen")),
						List.of()));
		String quoted = ARTICLE + " „Das Projekt ist wichtig“, sagte Karl Brandt.";

		BriefSet briefs = new ModelBriefer(model, model).brief(german(quoted), SHAPE, List.of(Language.DE));

		assertThat(briefs.briefs().get("de").brief().quotes())
			.containsExactly(new Brief.Quote("Karl Brandt", "Das Projekt ist wichtig"));
		assertThat(briefs.removedByCheck())
			.contains("quote not found in the source: „Wir bauen für 99 Millionen“ — Karl Brandt");
	}

	@Test
	void anInventedNameIsTakenOutOfEveryLanguage() {
		ScriptedBackend model = new ScriptedBackend(32_000,
				(prompt) -> new Brief("Ulm baut eine Brücke", "Die Stadt Ulm baut eine neue Brücke.", List.of(),
						List.of("Karl Brandt", "Erika Mustermann"), List.of("Stadtwerke Ulm"), List.of("Ulm"),
						List.of(), List.of(), List.of()));

		BriefSet briefs = new ModelBriefer(model, model).brief(german(ARTICLE), SHAPE,
				List.of(Language.EN, Language.ZH));

		assertThat(briefs.briefs().values()).allSatisfy((localized) -> {
			assertThat(localized.brief().people()).containsExactly("Karl Brandt");
			assertThat(localized.brief().organisations()).isEmpty();
		});
		assertThat(briefs.removedByCheck()).containsExactly("person not found in the source: Erika Mustermann",
				"organisation not found in the source: Stadtwerke Ulm");
	}

	@Test
	void aSummaryTheCheckEmptiesIsAskedForOnceMoreNamingWhatWasRemoved() {
		ScriptedBackend model = new ScriptedBackend(32_000,
				(prompt) -> prompt.system().startsWith("You write") && !prompt.user().contains("taken out") ? invented()
						: answer(prompt));

		BriefSet briefs = new ModelBriefer(model, model).brief(german(ARTICLE), SHAPE, List.of(Language.EN));

		List<Prompt> summaries = model.promptsStartingWith("You write");
		assertThat(summaries).hasSize(2);
		assertThat(summaries.get(1).user()).contains("taken out").contains("987.654");
		assertThat(briefs.briefs().get("en").brief().summary()).isNotBlank();
	}

	@Test
	void aBriefTheCheckEmptiesTwiceIsTheModelsFailureNotABrief() {
		ScriptedBackend model = new ScriptedBackend(32_000,
				(prompt) -> prompt.system().startsWith("You write") ? invented() : answer(prompt));

		Throwable failure = catchThrowable(
				() -> new ModelBriefer(model, model).brief(german(ARTICLE), SHAPE, List.of(Language.EN)));

		assertThat(failure).isInstanceOf(ModelAnswerException.class)
			.hasMessageContaining("nothing publishable left")
			.hasMessageContaining("987.654");
		assertThat(model.prompts).hasSize(2);
	}

	/** A summary whose every sentence states a figure the source does not have. */
	private static Brief invented() {
		return new Brief("Ulm baut 987.654 Brücken", "Die Brücke kostet 987.654 Euro. Sie hat 987.654 Pfeiler.",
				List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
	}

	@Test
	void promptJsonIsCompact() {
		ScriptedBackend model = new ScriptedBackend(32_000, ModelBrieferTests::answer);
		ScriptedBackend translator = new ScriptedBackend("ollama", "qwen3:8b", 32_000, ModelBrieferTests::answer);
		new ModelBriefer(model, translator).brief(german(ARTICLE), SHAPE, List.of(Language.EN));

		Prompt translation = translator.prompts.get(0);
		assertThat(translation.user()).contains("{\"headline\":").doesNotContain("\n  ").doesNotContain("\" : ");
	}

	@Test
	void theStaticPrefixIsByteIdenticalAcrossDocumentsAndRuns() {
		ScriptedBackend model = new ScriptedBackend(32_000, ModelBrieferTests::answer);
		ScriptedBackend summarizer = new ScriptedBackend("deepseek", "deepseek-chat", 32_000,
				ModelBrieferTests::answer);
		ScriptedBackend translator = new ScriptedBackend("ollama", "qwen3:8b", 32_000, ModelBrieferTests::answer);
		for (String text : List.of(ARTICLE, ARTICLE + " Sie dauern zwei Jahre.")) {
			new ModelBriefer(model, model).brief(german(text), SHAPE, List.of(Language.EN));
			new ModelBriefer(summarizer, translator).brief(german(text), SHAPE, List.of(Language.EN));
		}

		// Instructions first and alike, the document and its random boundary last: a
		// provider's prefix cache can hit on everything before the document.
		for (ScriptedBackend backend : List.of(model, summarizer, translator)) {
			assertThat(backend.prompts).hasSize(2);
			assertThat(backend.prompts.get(0).system()).isEqualTo(backend.prompts.get(1).system())
				.doesNotContain("SOURCE-");
			assertThat(backend.prompts.get(0).user()).isNotEqualTo(backend.prompts.get(1).user());
		}
	}

	@Test
	void keepsTheSourceLanguageBriefWithoutATranslationCall() {
		ScriptedBackend model = new ScriptedBackend(32_000, ModelBrieferTests::answer);
		BriefSet briefs = new ModelBriefer(model, model).brief(german(ARTICLE), SHAPE, List.of(Language.DE));
		assertThat(model.prompts).hasSize(1);
		assertThat(briefs.briefs().get("de").writtenIn()).isEqualTo("de");
	}

	@Test
	void mapsAndReducesADocumentLongerThanTheWindow() {
		String longText = sections(400);
		ScriptedBackend model = new ScriptedBackend(4_096, ModelBrieferTests::answer);
		new ModelBriefer(model, null).brief(german(longText), SHAPE, List.of(Language.DE));

		List<Prompt> maps = model.promptsStartingWith("You write");
		assertThat(maps).hasSizeGreaterThan(1);
		assertThat(model.promptsStartingWith("You merge")).hasSize(1);
		// Every part of the text went out, each in one map call (bar the small overlap).
		assertThat(maps.stream().filter((p) -> p.user().contains("Im Abschnitt 0 berichtet"))).hasSize(1);
		assertThat(maps.stream().filter((p) -> p.user().contains("Im Abschnitt 399 berichtet"))).hasSize(1);
	}

	@Test
	void halvesTheChunksWhenTheBackendFindsThePromptTooLong() {
		String longText = sections(400);
		ScriptedBackend model = new ScriptedBackend(32_000, (prompt) -> {
			if (prompt.system().startsWith("You write") && prompt.user().length() > 20_000) {
				throw new ContextTooLongException("maximum context length exceeded", Usage.NONE, null);
			}
			return answer(prompt);
		});
		BriefSet briefs = new ModelBriefer(model, null).brief(german(longText), SHAPE, List.of(Language.DE));

		List<Prompt> maps = model.promptsStartingWith("You write");
		assertThat(maps.get(0).user()).contains("Im Abschnitt 0 berichtet")
			.contains("Im Abschnitt 399 berichtet")
			.hasSizeGreaterThan(20_000);
		List<Prompt> resplit = maps.subList(1, maps.size());
		assertThat(resplit).hasSizeGreaterThan(1).allSatisfy((p) -> assertThat(p.user()).hasSizeLessThan(20_000));
		assertThat(resplit.stream().filter((p) -> p.user().contains("Im Abschnitt 0 berichtet"))).hasSize(1);
		assertThat(resplit.stream().filter((p) -> p.user().contains("Im Abschnitt 399 berichtet"))).hasSize(1);
		assertThat(model.promptsStartingWith("You merge")).hasSize(1);
		assertThat(model.prompts).hasSize(maps.size() + 1);
		assertThat(briefs.usage().calls()).isEqualTo(model.prompts.size() - 1);
		assertThat(briefs.summarizeBackend()).isEqualTo("scripted");
	}

	@Test
	void failsTheDocumentWhenStillTooLongAfterHalvingTwice() {
		ScriptedBackend model = new ScriptedBackend(32_000, (prompt) -> {
			throw new ContextTooLongException("prompt is too long", Usage.NONE, null);
		});

		assertThatExceptionOfType(ContextTooLongException.class)
			.isThrownBy(() -> new ModelBriefer(model, null).brief(german(sections(400)), SHAPE, List.of(Language.DE)))
			.withMessageContaining("too long for backend 'scripted'")
			.withMessageContaining("after halving the chunk size 2 times");
		assertThat(model.prompts).hasSize(3);
		assertThat(model.prompts.get(1).user()).hasSizeLessThan(model.prompts.get(0).user().length() * 2 / 3);
		assertThat(model.prompts.get(2).user()).hasSizeLessThan(model.prompts.get(1).user().length() * 2 / 3);
	}

	@Test
	void promptTooLongOnTheReAskAfterACutOffAnswerFailsTheDocumentWithoutResplitting() {
		try (LoopbackLlmServer server = LoopbackLlmServer.start();
				BackendRegistry registry = new BackendRegistry(loopbackProperties(server), new SimpleMeterRegistry(),
						RetryClock.SYSTEM, () -> 0.5)) {
			server.answer((request) -> "{\"headline\":\"Ulm baut eine Brücke\",\"summary\":\"Die Stadt Ulm baut.\"}");
			server.truncateNext(1);
			server.failNext(1, 400, Map.of(),
					LoopbackLlmServer.openAiError("This model's maximum context length is 8192 tokens.",
							"invalid_request_error", "context_length_exceeded"));
			ModelBackend model = registry.resolve("loop", null, null).model();

			Throwable failed = catchThrowable(
					() -> new ModelBriefer(model, null).brief(german(ARTICLE), SHAPE, List.of(Language.DE)));

			// Both calls carried the whole source: the document was not split.
			assertThat(server.chatRequests()).hasSize(2)
				.allSatisfy((request) -> assertThat(request.allMessageText()).contains(ARTICLE));
			assertThat(failed).isInstanceOf(ModelAnswerException.class)
				.isNotInstanceOf(ContextTooLongException.class)
				.hasMessageContaining("cut off at the output token limit");
		}
	}

	@Test
	void namesTheBackendsThatActuallyAnswered() {
		ScriptedBackend down = new ScriptedBackend("deepseek", "deepseek-chat", 32_000, (prompt) -> {
			throw new BackendExhaustedException("backend 'deepseek' stayed unavailable", "deepseek", 5, null);
		});
		ScriptedBackend standIn = new ScriptedBackend("qwen", "qwen-plus", 32_000, ModelBrieferTests::answer);
		ScriptedBackend translator = new ScriptedBackend("ollama", "qwen3:8b", 32_000, ModelBrieferTests::answer);
		FailoverBackend chain = new FailoverBackend(List.of(down, standIn), Duration.ofMinutes(5), RetryClock.SYSTEM);

		BriefSet translated = new ModelBriefer(chain, translator).brief(german(ARTICLE), SHAPE, List.of(Language.EN));
		BriefSet untranslated = new ModelBriefer(chain, translator).brief(german(ARTICLE), SHAPE, List.of(Language.DE));

		assertThat(translated.summarizeBackend()).isEqualTo("qwen");
		assertThat(translated.summarizeModel()).isEqualTo("qwen-plus");
		assertThat(translated.translateBackend()).isEqualTo("ollama");
		assertThat(translated.translateModel()).isEqualTo("qwen3:8b");
		assertThat(untranslated.translateBackend()).isEqualTo("none");
		// The second document went straight to the stand-in: the failed backend is
		// cooling down.
		assertThat(down.prompts).hasSize(1);
		assertThat(standIn.prompts).hasSize(2);
	}

	@Test
	void saysSoWhenNoModelCanTranslate() {
		ScriptedBackend model = new ScriptedBackend(32_000, ModelBrieferTests::answer);
		BriefSet briefs = new ModelBriefer(model, null).brief(german(ARTICLE), SHAPE, List.of(Language.EN));
		assertThat(briefs.briefs().get("en").writtenIn()).isEqualTo("de");
		assertThat(briefs.briefs().get("en").notes()).anyMatch((n) -> n.contains("translation needs a model backend"));
	}

	@Test
	void notesASourceThatIsNotGerman() {
		ScriptedBackend model = new ScriptedBackend(32_000, ModelBrieferTests::answer);
		ExtractedDocument english = new ExtractedDocument("The city of Ulm builds a bridge. " + ARTICLE, "Bridge", null,
				null, "text/plain", "en", false);
		BriefSet briefs = new ModelBriefer(model, model).brief(english, SHAPE, List.of(Language.EN, Language.ZH));
		assertThat(model.prompts).hasSize(1);
		assertThat(briefs.briefs().get("en").notes())
			.anyMatch((n) -> n.contains("not in German") && n.contains("English"));
	}

	private static String sections(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> "Im Abschnitt " + i + " berichtet die Stadt Ulm über den Fortschritt der Brücke.")
			.collect(Collectors.joining(" ")) + " " + ARTICLE;
	}

	private static BackendProperties loopbackProperties(LoopbackLlmServer server) {
		Map<String, String> keys = Map.of("nachtbrief.backends.loop.type", "openai",
				"nachtbrief.backends.loop.base-url", server.openAiBaseUrl(), "nachtbrief.backends.loop.model",
				LoopbackLlmServer.DEFAULT_MODEL);
		return new Binder(new MapConfigurationPropertySource(keys)).bindOrCreate("nachtbrief", BackendProperties.class);
	}

	private static ExtractedDocument german(String text) {
		return new ExtractedDocument(text, "Neue Brücke", null, null, "text/plain", "de", false);
	}

	/** Every brief states the first sentence of the source, and its names and figure. */
	private static Brief answer(Prompt prompt) {
		return new Brief("Ulm baut eine Brücke", "Die Stadt Ulm baut eine neue Brücke für 12 Millionen Euro.",
				List.of("Die Arbeiten beginnen im März."), List.of("Karl Brandt"), List.of(), List.of("Ulm"),
				List.of(new Brief.Figure("12 Millionen Euro", "für die neue Brücke")), List.of(), List.of("Brücke"));
	}

}

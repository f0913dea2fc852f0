package de.nachtbrief.brief;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.Answer;
import de.nachtbrief.llm.AnswerFormat;
import de.nachtbrief.llm.BackendUnavailableException;
import de.nachtbrief.llm.ModelAnswerException;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.Packing;
import de.nachtbrief.llm.Prompt;
import de.nachtbrief.llm.Usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackerTests {

	private static final JobDefinition.Shape SHAPE = new JobDefinition.Shape(4, 3, null);

	private static final List<Language> LANGUAGES = List.of(Language.EN, Language.ZH);

	private static final List<String> ARTICLES = List.of(
			"Die Stadt Ulm baut eine neue Brücke für 12 Millionen Euro. Oberbürgermeister Karl Brandt nannte sie wichtig.",
			"In Kiel eröffnet am Montag ein Hafenmuseum. Direktorin Anna Weber erwartet 40.000 Gäste im Jahr.",
			"Der Landtag in Erfurt berät über 3 neue Schulen. Ministerin Petra Lang stellt den Plan vor.");

	/** Long enough for every document of a test to join its pack, however slowly. */
	private static final Duration FILLS = Duration.ofSeconds(30);

	private final ExecutorService workers = Executors.newCachedThreadPool();

	@AfterEach
	void stopWorkers() {
		this.workers.shutdownNow();
	}

	@Test
	void shortDocumentsBriefedAtTheSameTimeShareOneCallAndEachGetsItsOwnBrief() throws Exception {
		PackingBackend model = new PackingBackend(new Packing(3, 4000, FILLS));

		List<BriefSet> briefs = briefConcurrently(model, ARTICLES);

		assertThat(model.prompts).hasSize(1);
		Prompt pack = model.prompts.get(0);
		assertThat(pack.user()).contains("Source 1.", "Source 2.", "Source 3.");
		ARTICLES.forEach((article) -> assertThat(pack.user()).contains(article));
		assertThat(model.formats.get(0).partial()).containsExactly(BriefPack.DOCUMENTS);
		assertThat(model.formats.get(0).keys()).containsEntry(BriefPack.DOCUMENTS, List.of("1", "2", "3"))
			.containsEntry(BriefDraft.LANGUAGES, List.of("en", "zh"));
		for (int i = 0; i < ARTICLES.size(); i++) {
			Brief english = briefs.get(i).briefs().get("en").brief();
			assertThat(english.summary()).contains(WrittenIn.firstWords(ARTICLES.get(i), 6));
			assertThat(english.headline()).startsWith("[en] ");
			assertThat(briefs.get(i).briefs().get("zh").brief().headline()).startsWith("【简体】");
		}
		Usage total = briefs.stream().map(BriefSet::usage).reduce(Usage.NONE, Usage::plus);
		assertThat(total).as("the shares add up to the one call").isEqualTo(PackingBackend.CALL_USAGE);
		assertThat(briefs).allSatisfy((set) -> assertThat(set.usage().inputTokens()).isPositive());
	}

	@Test
	void thePackedInstructionsBeginWithTheSingleBriefsSoTheCachedPrefixIsShared() throws Exception {
		PackingBackend model = new PackingBackend(new Packing(2, 4000, FILLS));
		briefConcurrently(model, ARTICLES.subList(0, 2));
		ScriptedBackend alone = new ScriptedBackend(32_000, (prompt) -> answerFor(prompt.user()));
		new ModelBriefer(alone, alone).brief(german(ARTICLES.get(0)), SHAPE, LANGUAGES);

		String single = alone.prompts.get(0).system();
		assertThat(model.prompts.get(0).system()).startsWith(single).contains("several sources");
	}

	@Test
	void aDraftNamingSomeoneOnlyAnotherSourceOfTheCallHasIsAskedAlone() throws Exception {
		// The model mixes the sources up: the second draft names the first's person.
		PackingBackend model = new PackingBackend(new Packing(2, 4000, FILLS));
		model.mixUp = true;

		List<BriefSet> briefs = briefConcurrently(model, ARTICLES.subList(0, 2));

		assertThat(model.prompts).as("the shared call, then the mixed-up source alone").hasSize(2);
		assertThat(model.formats.get(1).type()).isEqualTo(BriefDraft.class);
		assertThat(briefs.get(0).briefs().get("en").brief().people()).containsExactly("Karl Brandt");
		assertThat(briefs.get(1).briefs().get("en").brief().people()).containsExactly("Anna Weber");
		assertThat(briefs).allSatisfy((set) -> assertThat(set.removedByCheck()).isEmpty());
	}

	@Test
	void aNameNoSourceOfTheCallHasIsAskedForOnceMoreAlone() throws Exception {
		PackingBackend model = new PackingBackend(new Packing(2, 4000, FILLS));
		model.invent = "Erika Mustermann";

		List<BriefSet> briefs = briefConcurrently(model, ARTICLES.subList(0, 2));

		assertThat(model.prompts)
			.as("one shared call (an invented name is not a mix-up), then each document once more, alone, naming it")
			.hasSize(3);
		assertThat(model.prompts.subList(1, 3))
			.allSatisfy((prompt) -> assertThat(prompt.user()).contains("Erika Mustermann"));
		assertThat(briefs).allSatisfy((set) -> {
			assertThat(set.briefs().get("en").brief().people()).doesNotContain("Erika Mustermann");
			assertThat(set.removedByCheck()).as("the answer alone named nobody new").isEmpty();
		});
	}

	@Test
	void aDocumentTheSharedAnswerLacksIsAskedAlone() throws Exception {
		PackingBackend model = new PackingBackend(new Packing(3, 4000, FILLS));
		model.leaveOut = "2";

		List<BriefSet> briefs = briefConcurrently(model, ARTICLES);

		assertThat(model.prompts).hasSize(2);
		assertThat(model.formats.get(1).type()).isEqualTo(BriefDraft.class);
		// Sources are numbered as they joined the pack: whichever was second is asked
		// alone.
		String alone = model.prompts.get(1).user();
		List<Integer> askedAlone = IntStream.range(0, ARTICLES.size())
			.filter((i) -> alone.contains(ARTICLES.get(i)))
			.boxed()
			.toList();
		assertThat(askedAlone).hasSize(1);
		BriefSet leftOut = briefs.get(askedAlone.get(0));
		assertThat(leftOut.briefs().get("en").brief().summary())
			.contains(WrittenIn.firstWords(ARTICLES.get(askedAlone.get(0)), 6));
		assertThat(leftOut.usage().calls()).as("its own call").isEqualTo(1);
		assertThat(briefs).allSatisfy((set) -> assertThat(set.briefs()).containsOnlyKeys("en", "zh"));
	}

	@Test
	void aSharedCallWithoutAUsableAnswerLeavesEveryDocumentToBeAskedAlone() throws Exception {
		PackingBackend model = new PackingBackend(new Packing(2, 4000, FILLS));
		model.failPacks = new ModelAnswerException("answered twice without the JSON asked for",
				PackingBackend.CALL_USAGE, null);

		List<BriefSet> briefs = briefConcurrently(model, ARTICLES.subList(0, 2));

		assertThat(model.prompts).hasSize(3);
		assertThat(briefs).allSatisfy((set) -> assertThat(set.briefs()).containsOnlyKeys("en", "zh"));
		Usage total = briefs.stream().map(BriefSet::usage).reduce(Usage.NONE, Usage::plus);
		assertThat(total.calls()).as("the failed shared call is paid for too").isEqualTo(3);
	}

	@Test
	void aBackendThatIsDownFailsEveryDocumentOfTheCallAsItWouldAlone() {
		PackingBackend model = new PackingBackend(new Packing(2, 4000, FILLS));
		model.failPacks = new BackendUnavailableException("backend 'packing' refused the API key", null);

		assertThatThrownBy(() -> briefConcurrently(model, ARTICLES.subList(0, 2)))
			.hasRootCauseInstanceOf(BackendUnavailableException.class);
		assertThat(model.prompts).hasSize(1);
	}

	@Test
	void aDocumentNoOtherJoinsInTimeIsAskedAloneAsUsual() {
		PackingBackend model = new PackingBackend(new Packing(4, 4000, Duration.ofMillis(20)));

		BriefSet briefs = new ModelBriefer(model, model).brief(german(ARTICLES.get(0)), SHAPE, LANGUAGES);

		assertThat(model.formats).hasSize(1);
		assertThat(model.formats.get(0).type()).isEqualTo(BriefDraft.class);
		assertThat(briefs.usage().calls()).isEqualTo(1);
	}

	@Test
	void aDocumentLongerThanHalfAPackIsNeverPacked() throws Exception {
		PackingBackend model = new PackingBackend(new Packing(2, 40, FILLS));

		briefConcurrently(model, ARTICLES.subList(0, 2));

		assertThat(model.formats).hasSize(2)
			.allSatisfy((format) -> assertThat(format.type()).isEqualTo(BriefDraft.class));
	}

	@Test
	void theDryRunCountsAPackedDocumentsShareOfItsCall() {
		PackingBackend alone = new PackingBackend(Packing.ALONE);
		PackingBackend packing = new PackingBackend(new Packing(4, 4000, FILLS));
		ModelBriefer aloneBriefer = new ModelBriefer(alone, alone);
		ModelBriefer packingBriefer = new ModelBriefer(packing, packing);

		List<Usage> packed = new ArrayList<>();
		Usage single = Usage.NONE;
		for (int i = 0; i < 8; i++) {
			ExtractedDocument document = german(ARTICLES.get(i % ARTICLES.size()));
			single = single.plus(aloneBriefer.estimate(document, SHAPE, LANGUAGES).get("packing"));
			packed.add(packingBriefer.estimate(document, SHAPE, LANGUAGES).get("packing"));
		}

		Usage packedTotal = packed.stream().reduce(Usage.NONE, Usage::plus);
		assertThat(single.calls()).isEqualTo(8);
		assertThat(packedTotal.calls()).as("one call per four documents").isEqualTo(2);
		assertThat(packedTotal.inputTokens()).as("the instructions and schema are shared")
			.isLessThan(single.inputTokens() * 3 / 4);
		assertThat(alone.prompts).isEmpty();
		assertThat(packing.prompts).as("a rehearsal sends nothing").isEmpty();
	}

	/** Briefs the articles on workers of their own, as a run does. */
	private List<BriefSet> briefConcurrently(ModelBackend model, List<String> articles) throws Exception {
		ModelBriefer briefer = new ModelBriefer(model, model);
		List<Future<BriefSet>> futures = new ArrayList<>();
		for (String article : articles) {
			futures.add(this.workers.submit(() -> briefer.brief(german(article), SHAPE, LANGUAGES)));
		}
		List<BriefSet> briefs = new ArrayList<>();
		for (Future<BriefSet> future : futures) {
			briefs.add(future.get());
		}
		return briefs;
	}

	private static ExtractedDocument german(String text) {
		return new ExtractedDocument(text, "Meldung", null, null, "text/plain", "de", false);
	}

	private static String firstSentence(String text) {
		return text.substring(0, text.indexOf(". ") + 1);
	}

	/**
	 * A brief of the source fenced in {@code user}: its first sentence and its person.
	 */
	private static Brief answerFor(String source) {
		Matcher person = Pattern.compile("(?:Oberbürgermeister|Direktorin|Ministerin) (\\p{Lu}\\p{L}+ \\p{Lu}\\p{L}+)")
			.matcher(source);
		List<String> people = person.find() ? List.of(person.group(1)) : List.of();
		String text = source.replaceAll("(?s).*<<<SOURCE-[0-9a-f]+\\n", "").replaceAll("(?s)\\nSOURCE-.*", "");
		return new Brief(firstSentence(text), firstSentence(text), List.of(), people, List.of(), List.of(), List.of(),
				List.of(), List.of());
	}

	/**
	 * A model that packs: asked for several sources, it briefs each fenced source of the
	 * call under its number; asked for one, it briefs that one.
	 */
	private static final class PackingBackend implements ModelBackend {

		static final Usage CALL_USAGE = new Usage(1000, 300, 1, 0.01);

		private static final Pattern SOURCES = Pattern
			.compile("Source (\\d+)\\. .*?(<<<(SOURCE-[0-9a-f]+)\\n.*?\\n\\3>>>)", Pattern.DOTALL);

		private final Packing packing;

		final List<Prompt> prompts = new CopyOnWriteArrayList<>();

		final List<AnswerFormat<?>> formats = new CopyOnWriteArrayList<>();

		volatile String leaveOut;

		volatile boolean mixUp;

		volatile String invent;

		volatile RuntimeException failPacks;

		PackingBackend(Packing packing) {
			this.packing = packing;
		}

		@Override
		public String name() {
			return "packing";
		}

		@Override
		public String model() {
			return "pack-1";
		}

		@Override
		public int contextWindow() {
			return 32_000;
		}

		@Override
		public int maxConcurrency() {
			return 4;
		}

		@Override
		public Packing packing() {
			return this.packing;
		}

		@Override
		public <T> Answer<T> ask(Prompt prompt, AnswerFormat<T> format) {
			this.prompts.add(prompt);
			this.formats.add(format);
			List<String> languages = format.keys().get(BriefDraft.LANGUAGES);
			if (format.type() == BriefDraft.class) {
				return new Answer<>(format.type().cast(draft(answerFor(prompt.user()), languages)), CALL_USAGE, name(),
						model());
			}
			if (this.failPacks != null) {
				throw this.failPacks;
			}
			Map<String, BriefDraft> documents = new LinkedHashMap<>();
			Matcher source = SOURCES.matcher(prompt.user());
			String firstPerson = null;
			while (source.find()) {
				Brief brief = answerFor(source.group(2));
				if (this.mixUp && firstPerson != null) {
					List<String> people = new ArrayList<>(brief.people());
					people.add(firstPerson);
					brief = new Brief(brief.headline(), brief.summary(), brief.keyPoints(), people,
							brief.organisations(), brief.places(), brief.figures(), brief.quotes(), brief.topics());
				}
				firstPerson = (firstPerson == null && !brief.people().isEmpty()) ? brief.people().get(0) : firstPerson;
				if (this.invent != null) {
					List<String> people = new ArrayList<>(brief.people());
					people.add(this.invent);
					brief = new Brief(brief.headline(), brief.summary(), brief.keyPoints(), people,
							brief.organisations(), brief.places(), brief.figures(), brief.quotes(), brief.topics());
				}
				if (!source.group(1).equals(this.leaveOut)) {
					documents.put(source.group(1), draft(brief, languages));
				}
			}
			return new Answer<>(format.type().cast(new BriefPack(documents)), CALL_USAGE, name(), model());
		}

		private static BriefDraft draft(Brief brief, List<String> languages) {
			Map<String, BriefDraft.Prose> briefs = new LinkedHashMap<>();
			for (String language : languages) {
				briefs.put(language, WrittenIn.prose(language, BriefDraft.Prose.of(brief)));
			}
			return new BriefDraft(brief.people(), brief.organisations(), brief.places(), brief.quotes(), briefs);
		}

	}

}

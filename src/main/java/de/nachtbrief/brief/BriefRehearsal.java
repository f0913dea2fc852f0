package de.nachtbrief.brief;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.Answer;
import de.nachtbrief.llm.AnswerFormat;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.Packing;
import de.nachtbrief.llm.Prompt;
import de.nachtbrief.llm.Usage;
import de.nachtbrief.text.TokenCounter;

/**
 * The calls a model brief of a document makes, rehearsed without a model: every call is
 * answered with the extractive brief (in every language asked for), which is about as
 * long as a model's answer. This tells what a brief reads and writes, so a model's
 * measured speeds can say how long it would take, and prices what a run would cost before
 * it sends anything.
 */
public final class BriefRehearsal {

	private static final ObjectMapper json = new ObjectMapper();

	/** A boundary as {@code Prompts} makes them, to count in place of the random one. */
	private static final String TYPICAL_BOUNDARY = "SOURCE-8c1f4a7e2b9d3650";

	private BriefRehearsal() {
	}

	/**
	 * One model call: the backend it would go to, its prompt (both messages), the answer
	 * it stands in for, the answer's JSON schema, which is sent too, and how many
	 * documents share the call (1 unless they are packed).
	 */
	public record Call(String backend, String prompt, String answer, String schema, int sharedBy) {

		/**
		 * This document's prompt tokens as a provider counts them: the messages and the
		 * schema, divided among the documents sharing the call.
		 */
		long inputTokens() {
			return (TokenCounter.shared().count(this.prompt) + TokenCounter.shared().count(this.schema))
					/ this.sharedBy;
		}

		long outputTokens() {
			return TokenCounter.shared().count(this.answer) / this.sharedBy;
		}

	}

	/** The calls with one model for every role, whose window is {@code contextWindow}. */
	public static List<Call> calls(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets,
			int contextWindow) {
		Recorder recorder = new Recorder("rehearsal", "extractive answers", contextWindow, answer(document, shape),
				new ArrayList<>());
		return rehearse(document, shape, targets, recorder, recorder);
	}

	/**
	 * What briefing {@code document} with these backends would cost, by backend: calls,
	 * prompt tokens (messages and schema), answer tokens, and their price at each
	 * backend's prices. Nothing is sent. A short document that a packing summarizer would
	 * send with others is rehearsed in a full pack of copies of itself and costs its
	 * share of that call; one in as many as a pack holds counts the call itself.
	 * @param translator null when no model translates
	 * @param packing how the briefer packs documents
	 * @param packed how many documents were rehearsed in packs so far
	 */
	static Map<String, Usage> estimate(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets,
			ModelBackend summarizer, ModelBackend translator, Packing packing, AtomicLong packed) {
		Brief answer = answer(document, shape);
		List<Call> calls = new ArrayList<>();
		Recorder summarizing = new Recorder(summarizer, answer, calls);
		Recorder translating = (translator == null) ? null
				: (translator == summarizer) ? summarizing : new Recorder(translator, answer, calls);
		ModelBriefer.rehearsal(summarizing, translating, Packer.rehearsal(summarizing, packing))
			.brief(document, shape, targets);
		Map<String, Usage> byBackend = new LinkedHashMap<>();
		for (Call call : calls) {
			ModelBackend backend = call.backend().equals(summarizer.name()) ? summarizer : translator;
			long input = call.inputTokens();
			long output = call.outputTokens();
			int counted = (call.sharedBy() == 1 || packed.getAndIncrement() % call.sharedBy() == 0) ? 1 : 0;
			byBackend.merge(call.backend(), new Usage(input, output, counted, backend.price(input, output)),
					Usage::plus);
		}
		return byBackend;
	}

	/** A call planned ahead of the run: its prompt and the answer format it asks for. */
	public record PlannedCall(Prompt prompt, AnswerFormat<?> format) {
	}

	/**
	 * The call that briefs the document whole, as the run will make it with these
	 * backends, each document alone (a batch sends them ahead); empty for a document too
	 * long for one call, whose later calls depend on the earlier ones' answers.
	 * @param translator null when no model translates
	 */
	public static Optional<PlannedCall> onlyCall(ExtractedDocument document, JobDefinition.Shape shape,
			List<Language> targets, ModelBackend summarizer, ModelBackend translator) {
		Planner planning = new Planner(summarizer);
		Planner translating = (translator == null) ? null
				: (translator == summarizer) ? planning : new Planner(translator);
		try {
			ModelBriefer.rehearsal(planning, translating, null).brief(document, shape, targets);
			throw new IllegalStateException("a brief made no model call");
		}
		catch (Planned planned) {
			return (planned.call.format().type() == BriefDraft.class) ? Optional.of(planned.call) : Optional.empty();
		}
	}

	/** Stands in for a backend and stops the brief at its first call. */
	private static final class Planner implements ModelBackend {

		private final ModelBackend backend;

		Planner(ModelBackend backend) {
			this.backend = backend;
		}

		@Override
		public String name() {
			return this.backend.name();
		}

		@Override
		public String model() {
			return this.backend.model();
		}

		@Override
		public int contextWindow() {
			return this.backend.contextWindow();
		}

		@Override
		public int maxConcurrency() {
			return 1;
		}

		@Override
		public <T> Answer<T> ask(Prompt prompt, AnswerFormat<T> format) {
			throw new Planned(new PlannedCall(prompt, format));
		}

	}

	/** The first call, as planned: nothing after it is. */
	private static final class Planned extends RuntimeException {

		private final transient PlannedCall call;

		Planned(PlannedCall call) {
			super(null, null, false, false);
			this.call = call;
		}

	}

	private static List<Call> rehearse(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets,
			Recorder summarizer, Recorder translator) {
		ModelBriefer.rehearsal(summarizer, translator, Packer.of(summarizer)).brief(document, shape, targets);
		return summarizer.calls;
	}

	private static Brief answer(ExtractedDocument document, JobDefinition.Shape shape) {
		return new ExtractiveBriefer().brief(document, shape, List.of(Language.DE))
			.briefs()
			.get(Language.DE.code())
			.brief();
	}

	/** Stands in for a backend, with its name, model and window. */
	private static final class Recorder implements ModelBackend {

		private final String name;

		private final String model;

		private final int contextWindow;

		private final Brief answer;

		private final List<Call> calls;

		Recorder(ModelBackend backend, Brief answer, List<Call> calls) {
			this(backend.name(), backend.model(), backend.contextWindow(), answer, calls);
		}

		Recorder(String name, String model, int contextWindow, Brief answer, List<Call> calls) {
			this.name = name;
			this.model = model;
			this.contextWindow = contextWindow;
			this.answer = answer;
			this.calls = calls;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public String model() {
			return this.model;
		}

		@Override
		public int contextWindow() {
			return this.contextWindow;
		}

		@Override
		public int maxConcurrency() {
			return 1;
		}

		@Override
		public <T> Answer<T> ask(Prompt prompt, AnswerFormat<T> format) {
			List<String> languages = format.keys().getOrDefault(BriefDraft.LANGUAGES, List.of());
			List<String> packed = format.keys().getOrDefault(BriefPack.DOCUMENTS, List.of());
			BriefDraft draft = BriefDraft.of(this.answer, languages);
			Object answer = (format.type() == BriefDraft.class) ? draft
					: (format.type() == BriefDraft.Translations.class) ? new BriefDraft.Translations(draft.briefs())
							: (format.type() == BriefPack.class)
									? new BriefPack(packed.stream()
										.collect(Collectors.toMap((number) -> number, (number) -> draft)))
									: this.answer;
			// One fixed boundary: a random one tokenizes to a few tokens more or less
			// each
			// time, and an estimate should not change from run to run.
			String text = prompt.system() + "\n" + prompt.user();
			String sent = (prompt.boundary() != null) ? text.replace(prompt.boundary(), TYPICAL_BOUNDARY) : text;
			try {
				this.calls.add(new Call(this.name, sent, json.writeValueAsString(answer), format.schemaJson(),
						Math.max(1, packed.size())));
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
			return new Answer<>(format.type().cast(answer), Usage.NONE, name(), model());
		}

	}

}

package de.nachtbrief.brief;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.Answer;
import de.nachtbrief.llm.AnswerFormat;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.Prompt;
import de.nachtbrief.llm.Usage;

/**
 * The calls a model brief of a document makes, rehearsed without a model: every call is
 * answered with the extractive brief (in every language asked for), which is about as
 * long as a model's answer. This tells what a brief reads and writes, so a model's
 * measured speeds can say how long it would take.
 */
public final class BriefRehearsal {

	private static final ObjectMapper json = new ObjectMapper();

	private BriefRehearsal() {
	}

	/** One model call: its prompt (both messages) and the answer it stands in for. */
	public record Call(String prompt, String answer) {
	}

	public static List<Call> calls(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets,
			int contextWindow) {
		Brief answer = new ExtractiveBriefer().brief(document, shape, List.of(Language.DE))
			.briefs()
			.get(Language.DE.code())
			.brief();
		Recorder recorder = new Recorder(answer, contextWindow);
		new ModelBriefer(recorder, recorder).brief(document, shape, targets);
		return recorder.calls;
	}

	private static final class Recorder implements ModelBackend {

		private final Brief answer;

		private final int contextWindow;

		private final List<Call> calls = new ArrayList<>();

		Recorder(Brief answer, int contextWindow) {
			this.answer = answer;
			this.contextWindow = contextWindow;
		}

		@Override
		public String name() {
			return "rehearsal";
		}

		@Override
		public String model() {
			return "extractive answers";
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
			Object answer = (format.type() == BriefDraft.class) ? BriefDraft.of(this.answer, languages)
					: (format.type() == BriefDraft.Translations.class)
							? new BriefDraft.Translations(BriefDraft.of(this.answer, languages).briefs()) : this.answer;
			try {
				this.calls.add(new Call(prompt.system() + "\n" + prompt.user(), json.writeValueAsString(answer)));
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
			return new Answer<>(format.type().cast(answer), Usage.NONE, name(), model());
		}

	}

}

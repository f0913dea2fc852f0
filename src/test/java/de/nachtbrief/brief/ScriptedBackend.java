package de.nachtbrief.brief;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import de.nachtbrief.llm.Answer;
import de.nachtbrief.llm.AnswerFormat;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.Prompt;
import de.nachtbrief.llm.Usage;

/**
 * A model double for unit tests: answers from a script and records every prompt it was
 * sent, with the format asked for. A script may throw, as a backend would, to fail a
 * call. The script writes one brief; asked for a draft or translations, the double
 * answers that brief's facts once and its prose per language asked for, each headline
 * tagged with its language, e.g. {@code [zh] }.
 */
final class ScriptedBackend implements ModelBackend {

	private final String name;

	private final String model;

	private final int contextWindow;

	private final Function<Prompt, Brief> script;

	final List<Prompt> prompts = new CopyOnWriteArrayList<>();

	final List<AnswerFormat<?>> formats = new CopyOnWriteArrayList<>();

	ScriptedBackend(int contextWindow, Function<Prompt, Brief> script) {
		this("scripted", "script-1", contextWindow, script);
	}

	ScriptedBackend(String name, String model, int contextWindow, Function<Prompt, Brief> script) {
		this.name = name;
		this.model = model;
		this.contextWindow = contextWindow;
		this.script = script;
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
		this.prompts.add(prompt);
		this.formats.add(format);
		Brief brief = this.script.apply(prompt);
		Object answer = brief;
		if (format.type() != Brief.class) {
			Map<String, BriefDraft.Prose> briefs = new LinkedHashMap<>();
			for (String language : format.keys().get(BriefDraft.LANGUAGES)) {
				briefs.put(language, WrittenIn.prose(language, BriefDraft.Prose.of(brief)));
			}
			answer = (format.type() == BriefDraft.class)
					? new BriefDraft(brief.people(), brief.organisations(), brief.places(), brief.quotes(), briefs)
					: new BriefDraft.Translations(briefs);
		}
		return new Answer<>(format.type().cast(answer), new Usage(100, 20, 1), name(), model());
	}

	List<Prompt> promptsStartingWith(String systemStart) {
		return this.prompts.stream().filter((prompt) -> prompt.system().startsWith(systemStart)).toList();
	}

}

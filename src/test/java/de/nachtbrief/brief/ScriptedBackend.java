package de.nachtbrief.brief;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import de.nachtbrief.llm.Answer;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.Prompt;
import de.nachtbrief.llm.Usage;

/**
 * A model double for unit tests: answers from a script and records every prompt it was
 * sent. A script may throw, as a backend would, to fail a call.
 */
final class ScriptedBackend implements ModelBackend {

	private final String name;

	private final String model;

	private final int contextWindow;

	private final Function<Prompt, Brief> script;

	final List<Prompt> prompts = new CopyOnWriteArrayList<>();

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
	public <T> Answer<T> ask(Prompt prompt, Class<T> answerType) {
		this.prompts.add(prompt);
		return new Answer<>(answerType.cast(this.script.apply(prompt)), new Usage(100, 20, 1), name(), model());
	}

	List<Prompt> promptsStartingWith(String systemStart) {
		return this.prompts.stream().filter((prompt) -> prompt.system().startsWith(systemStart)).toList();
	}

}

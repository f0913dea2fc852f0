package de.nachtbrief.brief;

import java.util.LinkedHashSet;
import java.util.Set;

import de.nachtbrief.llm.Answer;
import de.nachtbrief.llm.Usage;

/**
 * Which backends and models answered a role's calls for one document, and what those
 * calls cost.
 */
final class AnswerTally {

	static final String NONE = "none";

	private final Set<String> backends = new LinkedHashSet<>();

	private final Set<String> models = new LinkedHashSet<>();

	private Usage usage = Usage.NONE;

	<T> T add(Answer<T> answer) {
		this.backends.add(answer.backend());
		this.models.add(answer.model());
		this.usage = this.usage.plus(answer.usage());
		return answer.value();
	}

	/**
	 * Counts a failed call's cost, since providers bill for refused and cut-off answers
	 * too.
	 */
	void spent(Usage failed) {
		this.usage = this.usage.plus(failed);
	}

	/** The backends that answered, in order of first answer, or {@code none}. */
	String backends() {
		return this.backends.isEmpty() ? NONE : String.join(", ", this.backends);
	}

	String models() {
		return this.models.isEmpty() ? NONE : String.join(", ", this.models);
	}

	Usage usage() {
		return this.usage;
	}

}

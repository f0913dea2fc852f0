package de.nachtbrief.llm;

/**
 * The backend a role will use and why it was chosen. {@code model} is null for the
 * built-in extractive summarizer, which needs none.
 */
public record BackendChoice(String name, ModelBackend model, String reason) {

	public static final String EXTRACTIVE = "extractive";

	public boolean isExtractive() {
		return this.model == null;
	}

	/** The model name for the record, or {@code extractive}. */
	public String modelName() {
		return isExtractive() ? EXTRACTIVE : this.model.model();
	}

	public String describe() {
		return isExtractive() ? "extractive (built in, no model)" : this.name + " (" + this.model.model() + ")";
	}

}

package de.nachtbrief.llm;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The model names a backend lists ({@code /models} for the OpenAI protocol,
 * {@code /api/tags} for Ollama), and whether a configured name is among them. A listing
 * that names no model, or a body that is no listing, offers any name: such a backend is
 * taken at its word.
 */
record ModelListing(List<String> names, boolean takesAnyName) {

	private static final ObjectMapper json = new ObjectMapper();

	private static final ModelListing ANY = new ModelListing(List.of(), true);

	/** Enough names to spot a typo; OpenAI lists about a hundred. */
	private static final int NAMES_SHOWN = 20;

	static ModelListing parse(BackendProperties.Type type, String body) {
		JsonNode root;
		try {
			root = json.readTree(body == null ? "" : body);
		}
		catch (JsonProcessingException ex) {
			return ANY;
		}
		List<String> names = new ArrayList<>();
		boolean llamaCpp = true;
		JsonNode models = (type == BackendProperties.Type.OLLAMA) ? root.path("models") : root.path("data");
		for (JsonNode model : models) {
			String name = model.path(type == BackendProperties.Type.OLLAMA ? "name" : "id").asText("");
			if (!name.isBlank()) {
				names.add(name);
			}
			llamaCpp &= "llamacpp".equals(model.path("owned_by").asText());
		}
		// llama.cpp's server lists the one model it loaded and answers with it under any
		// name.
		return names.isEmpty() || llamaCpp ? ANY : new ModelListing(List.copyOf(names), false);
	}

	boolean offers(BackendProperties.Type type, String model) {
		if (this.takesAnyName || model == null) {
			return true;
		}
		if (type == BackendProperties.Type.OLLAMA) {
			return this.names.stream().anyMatch((name) -> withTag(name).equals(withTag(model)));
		}
		// Some providers list ids as "models/<id>" and take the bare id.
		return this.names.contains(model) || this.names.contains("models/" + model);
	}

	/** The names on offer, for one line of a message. */
	String shown() {
		String shown = String.join(", ", this.names.subList(0, Math.min(NAMES_SHOWN, this.names.size())));
		return this.names.size() > NAMES_SHOWN ? shown + " and " + (this.names.size() - NAMES_SHOWN) + " more" : shown;
	}

	/** Ollama takes "qwen3" for "qwen3:latest" and lists the tagged form. */
	private static String withTag(String name) {
		return name.substring(name.lastIndexOf('/') + 1).contains(":") ? name : name + ":latest";
	}

}

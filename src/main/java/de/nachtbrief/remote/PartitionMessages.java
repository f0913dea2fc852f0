package de.nachtbrief.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * A partition request as a JSON text message rather than a serialized Java object: a
 * worker deserializes no Java classes from the broker.
 */
final class PartitionMessages {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private PartitionMessages() {
	}

	static String toJson(StepExecutionRequest request) {
		ObjectNode json = JSON.createObjectNode();
		json.put("step", request.getStepName());
		json.put("stepExecution", request.getStepExecutionId());
		return json.toString();
	}

	static StepExecutionRequest fromJson(String text) {
		try {
			JsonNode json = JSON.readTree(text);
			return new StepExecutionRequest(json.required("step").asText(), json.required("stepExecution").asLong());
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("not a partition request: " + ex.getMessage(), ex);
		}
	}

}

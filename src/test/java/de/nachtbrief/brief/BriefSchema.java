package de.nachtbrief.brief;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validates briefs against the published brief.schema.json, formats included (a date-time
 * without seconds is not one).
 */
public final class BriefSchema {

	private static final JsonSchema SCHEMA = load();

	private static final ObjectMapper json = new ObjectMapper();

	private BriefSchema() {
	}

	/**
	 * Every brief JSON in a briefs/ folder anywhere below a test's workspace.
	 * @return how many were valid
	 */
	public static long assertAllValid(Path workspace) {
		try (Stream<Path> paths = Files.walk(workspace)) {
			return paths.filter(BriefSchema::isBrief).peek(BriefSchema::assertValid).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isBrief(Path path) {
		String name = path.getFileName().toString();
		for (Path part = path.getParent(); part != null && part.getFileName() != null; part = part.getParent()) {
			if (part.getFileName().toString().equals("briefs")) {
				return name.endsWith(".json") && !name.startsWith(".") && Files.isRegularFile(path);
			}
		}
		return false;
	}

	public static void assertValid(Path brief) {
		try {
			assertThat(errors(Files.readString(brief))).as(brief.toString()).isEmpty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static List<String> errors(String brief) throws IOException {
		return SCHEMA.validate(json.readTree(brief)).stream().map(ValidationMessage::getMessage).toList();
	}

	private static JsonSchema load() {
		try {
			SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
			return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
				.getSchema(Files.readString(Path.of("src/main/resources/schema/brief.schema.json")), config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

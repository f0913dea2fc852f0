package de.nachtbrief.brief;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.cli.CommandLines;
import de.nachtbrief.cli.RunFolders;

import static org.assertj.core.api.Assertions.assertThat;

class BriefTimestampTests {

	private static final Instant WHOLE_MINUTE = Instant.parse("2026-12-03T16:55:00Z");

	@TempDir
	Path workspace;

	@Test
	void createdAtOnAWholeMinuteKeepsItsZeroSeconds() {
		assertThat(Timestamps.now(Clock.fixed(WHOLE_MINUTE, ZoneOffset.UTC))).isEqualTo("2026-12-03T16:55:00Z");
		assertThat(Timestamps.format(OffsetDateTime.ofInstant(WHOLE_MINUTE.plusNanos(7), ZoneId.of("Europe/Berlin"))))
			.isEqualTo("2026-12-03T16:55:00Z");
	}

	@Test
	void aBriefWrittenOnAWholeMinutePassesThePublishedSchema() throws IOException {
		RunFolders folders = new RunFolders(this.workspace);
		Path input = folders.input("rathaus.txt", RunFolders.RATHAUS);
		Path job = folders.job("nightly.yaml", "input:\n  stable-for: 0s\n");
		Path output = folders.output();
		assertThat(CommandLines
			.execute("run", job.toString(), "--input", input.toString(), "--output", output.toString(), "--backend",
					"extractive")
			.exitCode()).isZero();
		Path brief;
		try (Stream<Path> paths = Files.walk(output.resolve("briefs"))) {
			brief = paths.filter((path) -> path.toString().endsWith(".json")).findFirst().orElseThrow();
		}
		ObjectMapper json = new ObjectMapper();
		ObjectNode document = (ObjectNode) json.readTree(brief.toFile());
		document.put("createdAt", Timestamps.now(Clock.fixed(WHOLE_MINUTE, ZoneOffset.UTC)));

		assertThat(BriefSchema.errors(json.writeValueAsString(document))).isEmpty();
	}

}

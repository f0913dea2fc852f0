package de.nachtbrief.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves source files out of the input folder once their outcome is recorded: briefed
 * files to {@code archive/}, failed ones to {@code failed/} beside a
 * {@code <name>.error.txt} that says what went wrong and what to do. Nothing is deleted
 * or overwritten: a name already taken gets a number.
 */
public class SourceLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SourceLifecycle.class);

	/**
	 * What to do about a file that is damaged, protected, a scan or otherwise unreadable.
	 */
	public static final String FILE_ADVICE = "if the file is damaged, protected or a scan, save or export it again "
			+ "as a PDF or DOCX with selectable text (or as plain text), then put it back into the input folder; "
			+ "the next run briefs it.";

	private final Path inputFolder;

	private final Path archiveFolder;

	private final Path failedFolder;

	public SourceLifecycle(Path inputFolder, Path outputFolder) {
		this.inputFolder = inputFolder;
		this.archiveFolder = outputFolder.resolve("archive");
		this.failedFolder = outputFolder.resolve("failed");
	}

	/** Moves a briefed file to the archive and returns where it went. */
	public Path archive(String relativePath) throws IOException {
		return move(relativePath, this.archiveFolder);
	}

	/**
	 * Moves a file that could not be briefed to {@code failed/} and writes why beside it.
	 */
	public Path fail(String relativePath, String reason, long run, String job) throws IOException {
		return fail(relativePath, reason, FILE_ADVICE, run, job);
	}

	/**
	 * Moves a file that could not be briefed to {@code failed/} and writes why beside it,
	 * with {@code advice} on what to do, which depends on whose fault it was.
	 */
	public Path fail(String relativePath, String reason, String advice, long run, String job) throws IOException {
		Path moved = move(relativePath, this.failedFolder);
		if (moved != null) {
			String note = """
					%s could not be briefed.

					Reason: %s

					Run %d of job '%s', %s.
					What to do: %s The original is kept here unchanged.
					""".formatted(FileNames.shown(relativePath), reason, run, job,
					OffsetDateTime.now(ZoneOffset.UTC).withNano(0), advice);
			Files.writeString(moved.resolveSibling(moved.getFileName() + ".error.txt"), note, StandardCharsets.UTF_8);
		}
		return moved;
	}

	private Path move(String relativePath, Path targetFolder) throws IOException {
		Path source = this.inputFolder.resolve(relativePath);
		if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
			// Already moved by an earlier attempt whose record did not survive a crash.
			return null;
		}
		Path target = FileNames.free(targetFolder.resolve(relativePath));
		Files.createDirectories(target.getParent());
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			// Input and output on different file systems: copy, then remove the original.
			Files.move(source, target);
		}
		logger.info("Moved {} to {}", FileNames.shown(relativePath), FileNames.shown(target.toString()));
		return target;
	}

}

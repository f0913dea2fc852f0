package de.nachtbrief.brief;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a file so that readers see either the old content or the new, never half of it.
 */
public final class AtomicFiles {

	private static final String TEMPORARY_SUFFIX = ".tmp";

	private AtomicFiles() {
	}

	/**
	 * Removes the temporary files a killed process left behind below a folder. Only call
	 * it when no other process can be writing there.
	 * @return how many were removed
	 */
	public static int removeLeftovers(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return 0;
		}
		List<Path> leftovers;
		try (Stream<Path> paths = Files.walk(folder)) {
			leftovers = paths.filter((path) -> {
				String name = path.getFileName().toString();
				return name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX) && Files.isRegularFile(path);
			}).toList();
		}
		for (Path leftover : leftovers) {
			Files.deleteIfExists(leftover);
		}
		return leftovers.size();
	}

	public static void write(Path target, String content) throws IOException {
		Path folder = target.toAbsolutePath().getParent();
		Files.createDirectories(folder);
		// Not Files.createTempFile: that makes the file 0600 whatever the umask, and the
		// move keeps the mode, so nobody else could read the briefs.
		Path temporary = folder.resolve("." + target.getFileName() + UUID.randomUUID() + TEMPORARY_SUFFIX);
		try {
			Files.writeString(temporary, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE);
			try {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}

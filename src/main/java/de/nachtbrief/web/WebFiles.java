package de.nachtbrief.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;

/** Reading the jobs' folders as the dashboard's services all do. */
final class WebFiles {

	/**
	 * Held from choosing a free name in an input folder to moving a file there, so two
	 * uploads or retries never pick the same one.
	 */
	static final Object FREE_NAMES = new Object();

	private WebFiles() {
	}

	/** A path below a folder as a run names it: relative, with forward slashes. */
	static String relative(Path folder, Path file) {
		return folder.relativize(file).toString().replace('\\', '/');
	}

	/** A file's text, or nothing when it vanished or cannot be read. */
	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * When a file last changed; a file that vanished counts as changed after everything.
	 */
	static Instant modified(Path file) {
		try {
			return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
		}
		catch (IOException ex) {
			return Instant.MAX;
		}
	}

}

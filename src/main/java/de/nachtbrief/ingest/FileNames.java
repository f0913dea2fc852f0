package de.nachtbrief.ingest;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * File names Nachtbrief chooses: never one already taken, never one a user could abuse.
 */
public final class FileNames {

	/** Names Windows reserves, so a folder shared with Windows machines keeps working. */
	private static final Set<String> RESERVED = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
			"com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
			"lpt9");

	private static final int MAX_BYTES = 200;

	private FileNames() {
	}

	/**
	 * The wanted path, or the first of {@code name-2.ext}, {@code name-3.ext}, … that is
	 * free, counting an {@code .error.txt} beside it as taken.
	 */
	public static Path free(Path wanted) {
		Path candidate = wanted;
		String name = wanted.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name;
		String extension = dot > 0 ? name.substring(dot) : "";
		for (int i = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)
				|| Files.exists(candidate.resolveSibling(candidate.getFileName() + ".error.txt")); i++) {
			candidate = wanted.resolveSibling(stem + "-" + i + extension);
		}
		return candidate;
	}

	/**
	 * A name as shown to people (briefs, digests, notes, pages, the console): control,
	 * format and line-separator characters appear as {@code \\uXXXX}, so a name can
	 * neither drive a terminal nor fake a line, nor hide or reorder its text.
	 */
	public static String shown(String name) {
		if (name == null) {
			return null;
		}
		StringBuilder shown = new StringBuilder(name.length());
		name.codePoints().forEach((codePoint) -> {
			switch (Character.getType(codePoint)) {
				case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
					shown.append(String.format(Locale.ROOT, "\\u%04X", codePoint));
				default -> shown.appendCodePoint(codePoint);
			}
		});
		return shown.toString();
	}

	/**
	 * A safe file name for a name sent by a browser: the last path segment only, no
	 * control or reserved characters, not hidden, not a device name, at most 200 bytes
	 * with its extension kept.
	 * @return the name, or null when nothing usable is left
	 */
	public static String sanitise(String submitted) {
		if (submitted == null) {
			return null;
		}
		String name = Normalizer.normalize(submitted, Normalizer.Form.NFC);
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = name.replaceAll("[\\p{Cntrl}\\p{Cf}<>:\"|?*]", "")
			.replaceAll("\\s+", " ")
			.strip()
			.replaceAll("^[.\\s]+|[.\\s]+$", "");
		if (name.isEmpty()) {
			return null;
		}
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name;
		String extension = dot > 0 ? name.substring(dot) : "";
		if (RESERVED.contains(stem.toLowerCase(Locale.ROOT))) {
			stem = "_" + stem;
		}
		while (!stem.isEmpty()
				&& (stem + extension).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
			stem = stem.substring(0, stem.offsetByCodePoints(stem.length(), -1));
		}
		return stem.isEmpty() ? null : stem + extension;
	}

}

package de.nachtbrief.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark's articles: the 10kGNAD test split from {@code ../shared/corpus/} when it
 * is there, else articles made up by {@link GermanCorpus}. A user's clone has no shared
 * corpus, so the benchmark runs either way.
 */
final class BenchmarkCorpus {

	static final Path CSV = Path.of("../shared/corpus/10kgnad-test.csv");

	private BenchmarkCorpus() {
	}

	static boolean isReal() {
		return Files.isRegularFile(CSV);
	}

	static String describe() {
		return isReal() ? "10kGNAD test split (" + CSV.toAbsolutePath().normalize() + ")"
				: "GermanCorpus (made-up articles; ../shared/corpus/10kgnad-test.csv is not there)";
	}

	/**
	 * Writes the first {@code count} articles (fewer when the corpus has fewer) as text
	 * files and says how many.
	 */
	static int write(Path folder, int count) throws IOException {
		Files.createDirectories(folder);
		if (!isReal()) {
			return GermanCorpus.write(folder, count).size();
		}
		List<String> lines = Files.readAllLines(CSV, StandardCharsets.UTF_8);
		int written = Math.min(count, lines.size());
		for (int i = 0; i < written; i++) {
			Files.writeString(folder.resolve("artikel-%04d.txt".formatted(i + 1)), text(lines.get(i)),
					StandardCharsets.UTF_8);
		}
		return written;
	}

	/** {@code category;'article text'}, where a quote inside the text is doubled. */
	static String text(String line) {
		String field = line.substring(line.indexOf(';') + 1).strip();
		if (field.length() >= 2 && field.startsWith("'") && field.endsWith("'")) {
			field = field.substring(1, field.length() - 1).replace("''", "'");
		}
		return field + "\n";
	}

}

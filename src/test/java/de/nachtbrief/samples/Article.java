package de.nachtbrief.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One sample article as the generator writes it into every format: title, author,
 * publication date and paragraphs of plain text.
 */
public record Article(String title, String author, LocalDate date, List<String> paragraphs) {

	private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.GERMAN);

	public Article {
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(author, "author");
		Objects.requireNonNull(date, "date");
		paragraphs = List.copyOf(Objects.requireNonNull(paragraphs, "paragraphs"));
		if (paragraphs.isEmpty()) {
			throw new IllegalArgumentException("paragraphs must not be empty");
		}
	}

	/** The date as a German reader expects it, e.g. {@code 1. Januar 2025}. */
	public String germanDate() {
		return GERMAN_DATE.format(this.date);
	}

	/** The line under the headline: {@code Von <author> · <date>}. */
	public String byline() {
		return "Von " + this.author + " · " + germanDate();
	}

	/**
	 * Reads an article from a classpath resource: title, author and ISO date on the first
	 * three lines, then paragraphs separated by blank lines.
	 */
	public static Article load(String resource) {
		try (InputStream in = Article.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No such resource: " + resource);
			}
			return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Article parse(String text) {
		String[] blocks = text.replace("\r\n", "\n").strip().split("\n\\s*\n");
		String[] head = blocks[0].split("\n");
		if (head.length != 3) {
			throw new IllegalArgumentException("Header must be title, author and date on three lines");
		}
		List<String> paragraphs = Arrays.stream(blocks, 1, blocks.length)
			.map((block) -> block.strip().replaceAll("\\s*\n\\s*", " "))
			.toList();
		return new Article(head[0].strip(), head[1].strip(), LocalDate.parse(head[2].strip()), paragraphs);
	}

}

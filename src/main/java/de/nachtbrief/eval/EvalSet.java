package de.nachtbrief.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.json.JsonMapper;

import de.nachtbrief.brief.BriefDraft;

/**
 * The articles the eval briefs, stored with the application: the five sample articles
 * written for the project, each with the facts a brief of it should cover and a correct
 * brief of it in English and Chinese, written and checked by hand, and a glossary of
 * their terms that the correct briefs follow.
 */
public record EvalSet(String about, List<Article> articles) {

	private static final String FOLDER = "/eval/";

	/**
	 * @param file the article's file name under {@code eval/articles}
	 * @param expected names and figures (as the source writes them) a good brief states
	 * @param reference a correct brief: its facts, and its prose in English and Chinese
	 */
	public record Article(String file, List<String> expected, BriefDraft reference) {
	}

	public static EvalSet load() {
		try (InputStream json = EvalSet.class.getResourceAsStream(FOLDER + "set.json")) {
			return JsonMapper.builder().build().readValue(json, EvalSet.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The eval set cannot be read", ex);
		}
	}

	/**
	 * An eval set of one's own: {@code set.json} in {@code folder}, shaped like the
	 * built-in one, beside the articles it names (and, optionally, a glossary.csv).
	 * @throws UncheckedIOException when it cannot be read
	 */
	public static EvalSet load(Path folder) {
		try {
			return JsonMapper.builder().build().readValue(folder.resolve("set.json").toFile(), EvalSet.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The eval set " + folder.resolve("set.json") + " cannot be read", ex);
		}
	}

	/**
	 * Writes the articles into {@code folder} as files, to be read as a run reads them,
	 * and the set's glossary beside them.
	 * @return the glossary file
	 */
	public Path write(Path folder) throws IOException {
		for (Article article : this.articles) {
			try (InputStream in = EvalSet.class.getResourceAsStream(FOLDER + "articles/" + article.file())) {
				Files.copy(in, folder.resolve(article.file()));
			}
		}
		Path glossary = folder.resolve("glossary.csv");
		try (InputStream in = EvalSet.class.getResourceAsStream(FOLDER + "glossary.csv")) {
			Files.copy(in, glossary);
		}
		return glossary;
	}

}

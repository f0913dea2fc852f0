package de.nachtbrief.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import de.nachtbrief.brief.Briefer;
import de.nachtbrief.brief.ExtractiveBriefer;
import de.nachtbrief.brief.ModelBriefer;
import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.eval.EvalSet;
import de.nachtbrief.eval.Evaluation;
import de.nachtbrief.eval.ScriptedBriefs;
import de.nachtbrief.extract.DocumentExtractor;
import de.nachtbrief.extract.ExtractionException;
import de.nachtbrief.extract.ExtractionOptions;
import de.nachtbrief.llm.BackendChoice;
import de.nachtbrief.llm.BackendRegistry;

/**
 * {@code nachtbrief eval}: the eval set briefed by the extractive summarizer (the
 * baseline), by a backend answering the correct briefs (what the check must leave alone),
 * by one that plants an invented person and amount in every part of every language (what
 * it must catch), and by each configured backend asked for; one table row each.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
		description = "Brief the built-in eval set (five German articles with their expected facts and correct"
				+ " English and Chinese briefs) and score each backend: numbers and names not in the source,"
				+ " expected facts covered, language and script, length, what the check took out, planted"
				+ " inventions caught.")
class EvalCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	ModelSettings settings;

	@Option(names = "--backend", paramLabel = "NAME",
			description = "A configured backend (or failover chain) to score beside the built-in rows; repeatable.")
	List<String> backends = new ArrayList<>();

	@Option(names = "--base-url", paramLabel = "URL", description = "Overrides the backend's base URL.")
	String baseUrl;

	@Option(names = "--model", paramLabel = "NAME", description = "Overrides the backend's model.")
	String model;

	@Option(names = "--set", paramLabel = "DIR",
			description = "An eval set of one's own: a folder with set.json (shaped like the built-in one), the articles "
					+ "it names and optionally glossary.csv. Default: the built-in set.")
	Path setFolder;

	@Option(names = "--languages", paramLabel = "CODES", split = ",", defaultValue = "en,zh",
			description = "Target languages (default: ${DEFAULT-VALUE}).")
	List<String> languages;

	@Override
	public Integer call() throws Exception {
		// Eval starts no Spring context, so the libraries' logging keeps its default
		// level; the table is what the reader came for.
		LoggingSystem.get(EvalCommand.class.getClassLoader())
			.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
		PrintWriter out = this.spec.commandLine().getOut();
		List<Language> targets = this.languages.stream().map(Language::fromCode).toList();
		EvalSet set = (this.setFolder != null) ? EvalSet.load(this.setFolder) : EvalSet.load();
		Path folder = (this.setFolder != null) ? this.setFolder : Files.createTempDirectory("nachtbrief-eval");
		try (DocumentExtractor extractor = new DocumentExtractor(ExtractionOptions.defaults())) {
			Path glossary = (this.setFolder != null) ? folder.resolve("glossary.csv") : set.write(folder);
			JobDefinition.Shape shape = new JobDefinition.Shape(5, 4,
					Files.exists(glossary) ? glossary.toString() : null);
			List<Evaluation.Source> sources = new ArrayList<>();
			for (EvalSet.Article article : set.articles()) {
				sources.add(new Evaluation.Source(article, extractor.extract(folder.resolve(article.file()))));
			}
			Evaluation evaluation = new Evaluation(shape, targets);
			List<Evaluation.Score> rows = new ArrayList<>();
			rows.add(evaluation.score("extractive", sources, (article) -> new ExtractiveBriefer(), false));
			rows.add(evaluation.score("reference (correct briefs)", sources,
					(article) -> modelBriefer(ScriptedBriefs.reference(article.reference())), false));
			rows.add(evaluation.score("planted (inventions in every part)", sources,
					(article) -> modelBriefer(ScriptedBriefs.planted(article.reference())), true));
			if (!this.backends.isEmpty()) {
				try (BackendRegistry registry = new BackendRegistry(this.settings.read(), new SimpleMeterRegistry())) {
					for (String name : this.backends) {
						BackendChoice choice = registry.resolve(name, this.baseUrl, this.model);
						Function<EvalSet.Article, Briefer> briefer = (article) -> choice.isExtractive()
								? new ExtractiveBriefer() : modelBriefer(choice.model());
						rows.add(evaluation.score(choice.describe(), sources, briefer, false));
					}
				}
			}
			print(out, set.articles().size(), rows, targets);
			return 0;
		}
		catch (ExtractionException ex) {
			this.spec.commandLine().getErr().println("An eval article could not be read: " + ex.getMessage());
			return 1;
		}
		finally {
			if (this.setFolder == null) {
				FileSystemUtils.deleteRecursively(folder);
			}
		}
	}

	private static ModelBriefer modelBriefer(de.nachtbrief.llm.ModelBackend backend) {
		return new ModelBriefer(backend, backend);
	}

	private static void print(PrintWriter out, int articles, List<Evaluation.Score> rows, List<Language> targets) {
		out.printf("Eval set: %d articles, languages %s; counts over every article and language.%n%n", articles,
				String.join(", ", targets.stream().map(Language::code).toList()));
		out.println("| Backend | Briefed (failed) | Numbers not in the source | Names not in the source "
				+ "| Expected facts covered | Language and script right | Within length bounds "
				+ "| Glossary entries used | Taken out by the check | Planted inventions caught |");
		out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		for (Evaluation.Score row : rows) {
			out.printf("| %s | %d (%d) | %d of %d | %d | %s | %s | %s | %s | %d | %s |%n", row.backend(),
					row.articles() - row.failed(), row.failed(), row.numbersNotInSource(), row.numbers(),
					row.namesNotInSource(), share(row.covered(), row.expected()),
					share(row.languageRight(), row.briefs()), share(row.withinBounds(), row.briefs()),
					share(row.glossaryUsed(), row.glossaryEntries()), row.takenOut(),
					row.planted() == 0 ? "–" : share(row.caught(), row.planted()));
		}
		out.flush();
	}

	private static String share(int part, int whole) {
		return whole == 0 ? "–" : "%d of %d (%.0f %%)".formatted(part, whole, 100.0 * part / whole);
	}

}

package de.nachtbrief.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import de.nachtbrief.batch.BriefingRunner;
import de.nachtbrief.batch.RunOptions;
import de.nachtbrief.batch.RunPlanner;
import de.nachtbrief.batch.RunProgress;
import de.nachtbrief.batch.ScriptedModel;
import de.nachtbrief.llm.LoopbackLlmServer;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStatus;
import de.nachtbrief.store.DocumentStore;

import de.nachtbrief.brief.BriefSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The operators' numbers of whole runs in job contexts started as {@code run} starts
 * them: the cost of the tokens a loopback OpenAI server reports, at configured prices, in
 * H2, the briefs, the run report and {@code status}; and the meters, in a registry shared
 * from outside the context or in Boot's own Prometheus registry.
 */
class JobMetersFunctionalTests {

	private static final ObjectMapper json = new ObjectMapper();

	private static final int PROMPT_TOKENS = 1000;

	private static final int ANSWER_TOKENS = 200;

	private static final double INPUT_PRICE = 0.15;

	private static final double OUTPUT_PRICE = 0.6;

	/**
	 * Prompt tokens the provider serves from its prompt cache, at the cached-input price.
	 */
	private static final int CACHED_TOKENS = 600;

	private static final double CACHED_INPUT_PRICE = 0.075;

	private static final double CALL_COST = ((PROMPT_TOKENS - CACHED_TOKENS) * INPUT_PRICE
			+ CACHED_TOKENS * CACHED_INPUT_PRICE + ANSWER_TOKENS * OUTPUT_PRICE) / 1_000_000;

	@TempDir
	Path workspace;

	/** Every brief a test here writes must match the published schema. */
	@AfterEach
	void briefsMatchThePublishedSchema() {
		BriefSchema.assertAllValid(this.workspace);
	}

	@Test
	void runCostsTheReportedTokensAtTheConfiguredPricesAndCountsThemInASharedRegistry() throws Exception {
		Path output = this.workspace.resolve("output");
		// A Prometheus registry, so that Boot's own backs off instead of joining it in a
		// composite.
		PrometheusMeterRegistry shared = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);
			server.usage(PROMPT_TOKENS, ANSWER_TOKENS, CACHED_TOKENS);
			RunOptions options = options(output, "openai", server.openAiBaseUrl(), false);
			try (ConfigurableApplicationContext context = RunCommand.start(output, pricesInEuro(),
					(ConfigurableApplicationContext starting) -> starting.getBeanFactory()
						.registerSingleton("meterRegistry", shared))) {
				assertThat(context.getBean(MeterRegistry.class)).isSameAs(shared);

				BriefingRunner.Result first = run(context, options);

				assertThat(first.succeeded()).as(first.failure()).isTrue();
				int calls = server.chatCalls();
				assertThat(calls).as("one call per article writes both languages").isEqualTo(2);
				List<DocumentRecord> documents = context.getBean(DocumentStore.class).all(first.run());
				assertThat(documents).filteredOn((d) -> d.status() == DocumentStatus.BRIEFED)
					.hasSize(2)
					.allSatisfy((d) -> assertThat(d.cost()).isCloseTo(d.modelCalls() * CALL_COST, within(1e-9)));
				assertThat(documents).filteredOn((d) -> d.status() == DocumentStatus.FAILED)
					.singleElement()
					.satisfies((d) -> assertThat(d.cost()).isZero());
				DocumentRecord rathaus = documents.stream()
					.filter((d) -> d.path().equals("rathaus.txt"))
					.findFirst()
					.orElseThrow();
				JsonNode brief = json.readTree(output.resolve(rathaus.briefPath()).toFile());
				assertThat(brief.at("/usage/cost").asDouble()).isCloseTo(CALL_COST, within(1e-9));
				assertThat(brief.at("/usage/currency").asText()).isEqualTo("EUR");
				JsonNode report = runReport(output, first.run()).at("/tokensPerBackend/openai");
				assertThat(report.path("modelCalls").asInt()).isEqualTo(calls);
				assertThat(report.path("inputTokens").asLong()).isEqualTo((long) calls * PROMPT_TOKENS);
				assertThat(report.path("cachedInputTokens").asLong()).isEqualTo((long) calls * CACHED_TOKENS);
				assertThat(report.path("cost").asDouble()).isCloseTo(calls * CALL_COST, within(1e-9));
				assertThat(report.path("currency").asText()).isEqualTo("EUR");

				assertThat(count(shared, "nachtbrief.documents", "job", "nightly", "outcome", "briefed")).isEqualTo(2);
				assertThat(count(shared, "nachtbrief.documents", "job", "nightly", "outcome", "failed")).isEqualTo(1);
				assertThat(count(shared, "nachtbrief.model.calls", "backend", "openai", "model", "m", "outcome",
						"answered"))
					.isEqualTo(calls);
				assertThat(count(shared, "nachtbrief.model.tokens", "backend", "openai", "model", "m", "direction",
						"input"))
					.isEqualTo(calls * PROMPT_TOKENS);
				assertThat(count(shared, "nachtbrief.model.tokens", "backend", "openai", "model", "m", "direction",
						"output"))
					.isEqualTo(calls * ANSWER_TOKENS);
				assertThat(count(shared, "nachtbrief.model.cost", "backend", "openai", "model", "m", "currency", "EUR"))
					.isCloseTo(calls * CALL_COST, within(1e-12));
				assertThat(shared.get("nachtbrief.model.latency").tags("backend", "openai").timer().count())
					.isEqualTo(calls);
				assertThat(count(shared, "nachtbrief.runs", "job", "nightly", "status", "COMPLETED")).isEqualTo(1);

				BriefingRunner.Result forced = run(context, options(output, "openai", server.openAiBaseUrl(), true));

				assertThat(server.chatCalls()).as("every answer replayed from the ledger").isEqualTo(calls);
				assertThat(context.getBean(DocumentStore.class).all(forced.run())).extracting(DocumentRecord::cost)
					.containsOnly(0.0);
				assertThat(count(shared, "nachtbrief.model.calls", "backend", "openai", "model", "m", "outcome",
						"replayed"))
					.isEqualTo(calls);
				assertThat(count(shared, "nachtbrief.model.calls", "backend", "openai", "model", "m", "outcome",
						"answered"))
					.isEqualTo(calls);
				assertThat(count(shared, "nachtbrief.model.cost", "backend", "openai", "model", "m", "currency", "EUR"))
					.isCloseTo(calls * CALL_COST, within(1e-12));
				assertThat(count(shared, "nachtbrief.documents", "job", "nightly", "outcome", "briefed")).isEqualTo(4);
				assertThat(count(shared, "nachtbrief.runs", "job", "nightly", "status", "COMPLETED")).isEqualTo(2);
			}
		}

		CommandLines.Result status = CommandLines.execute("status", "--output", output.toString());
		List<String> lines = status.out().lines().toList();
		assertThat(lines.get(0)).endsWith("COST");
		assertThat(lines.get(1)).as("the forced run, all replayed").endsWith(" 0.0000");
		assertThat(lines.get(2)).endsWith(" " + "%,.4f".formatted(2 * CALL_COST));
	}

	@Test
	void withoutASharedRegistryTheJobsMetersGoToBootsPrometheusRegistry() throws Exception {
		Path output = this.workspace.resolve("output");
		RunOptions options = options(output, "extractive", null, false);
		try (ConfigurableApplicationContext context = RunCommand.start(output)) {
			run(context, options);
			run(context, options);

			String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
			assertThat(scrape).contains("nachtbrief_documents_total{job=\"nightly\",outcome=\"briefed\"} 2.0")
				.contains("nachtbrief_documents_total{job=\"nightly\",outcome=\"skipped\"} 2.0")
				.contains("nachtbrief_documents_total{job=\"nightly\",outcome=\"failed\"} 2.0")
				.contains("nachtbrief_runs_total{job=\"nightly\",status=\"COMPLETED\"} 2.0")
				.doesNotContain("nachtbrief_model_calls_total");
		}
		CommandLines.Result status = CommandLines.execute("status", "--output", output.toString());
		assertThat(status.out()).doesNotContain("COST");
	}

	private RunOptions options(Path output, String backend, String baseUrl, boolean force) throws IOException {
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		Files.writeString(input.resolve("rathaus.txt"),
				"Der Stadtrat von Freiburg hat am Dienstag einen Haushalt von 1,2 Milliarden Euro beschlossen. "
						+ "Die Kämmerin Dr. Anna Weber sprach von einem schwierigen Jahr für die Stadt. "
						+ "Die Opposition kritisierte die hohen Ausgaben für das neue Stadion.");
		Files.writeString(input.resolve("ulm.txt"),
				"Forscher der Universität Ulm haben eine Batterie entwickelt, die 30 Prozent mehr Energie speichert. "
						+ "Das Team um Prof. Jonas Keller arbeitete vier Jahre an dem Projekt. "
						+ "Erste Prototypen sollen im Jahr 2027 in Elektroautos getestet werden.");
		Files.write(input.resolve("empty.txt"), new byte[0]);
		Path jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		Files.writeString(jobs.resolve("nightly.yaml"), "input:\n  stable-for: 0s\n  after-failure: keep\n");
		return new RunOptions("nightly", jobs, input, output, null, backend, baseUrl,
				baseUrl != null ? LoopbackLlmServer.DEFAULT_MODEL : null, force, false);
	}

	/** Starts a run the way {@code RunCommand} does, and waits for it. */
	private static BriefingRunner.Result run(ConfigurableApplicationContext context, RunOptions options)
			throws Exception {
		return context.getBean(BriefingRunner.class)
			.run(context.getBean(RunPlanner.class).plan(options, RunPlanner.definition(options)), new RunProgress());
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> pricesInEuro() {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("prices",
					Map.of("nachtbrief.currency", "EUR", "nachtbrief.backends.openai.input-price",
							String.valueOf(INPUT_PRICE), "nachtbrief.backends.openai.output-price",
							String.valueOf(OUTPUT_PRICE), "nachtbrief.backends.openai.cached-input-price",
							String.valueOf(CACHED_INPUT_PRICE))));
	}

	private static double count(MeterRegistry meters, String name, String... tags) {
		return meters.get(name).tags(tags).counter().count();
	}

	private static JsonNode runReport(Path output, long run) throws IOException {
		return json.readTree(output.resolve("runs").resolve("run-" + run + ".json").toFile());
	}

}

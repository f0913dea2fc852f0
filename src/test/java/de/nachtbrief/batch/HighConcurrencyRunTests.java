package de.nachtbrief.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.cli.CommandLines;
import de.nachtbrief.cli.RunFolders;
import de.nachtbrief.llm.LoopbackLlmServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, part 4: {@code max-concurrency} of 32 for a remote API. Each worker holds a
 * state-database connection for its document and needs another for the ledger, so a pool
 * of Hikari's default ten connections starved them and good files ended in
 * {@code failed/}.
 */
class HighConcurrencyRunTests {

	private static final int DOCUMENTS = 40;

	@TempDir
	Path workspace;

	@Test
	void thirtyTwoDocumentsAreInFlightAtOnceAtMaxConcurrency32() throws IOException {
		RunFolders folders = new RunFolders(this.workspace);
		Path input = null;
		for (int article = 1; article <= DOCUMENTS; article++) {
			input = folders.input("meldung-" + article + ".txt",
					RunFolders.RATHAUS.replace("Dienstag", article + ". Mai"));
		}
		Path job = folders.job("viele.yaml", "input:\n  stable-for: 0s\nlanguages: [en]\n");
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger mostInFlight = new AtomicInteger();
		String concurrency = "nachtbrief.backends.openai.max-concurrency";
		System.setProperty(concurrency, "32");
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer((request) -> {
				mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				try {
					// Long enough for the other workers' calls to arrive meanwhile.
					Thread.sleep(300);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					inFlight.decrementAndGet();
				}
				return ScriptedModel.answer(request);
			});
			CommandLines.Result run = CommandLines.execute("run", job.toString(), "--input", input.toString(),
					"--output", folders.output().toString(), "--backend", "openai", "--base-url",
					server.openAiBaseUrl(), "--model", "m");

			assertThat(run.exitCode()).as(run.text()).isZero();
			assertThat(run.out()).contains("Run 1: " + DOCUMENTS + " briefed, 0 failed");
			assertThat(folders.output().resolve("failed")).doesNotExist();
			assertThat(mostInFlight.get()).as("calls in flight at once").isGreaterThan(10);
		}
		finally {
			System.clearProperty(concurrency);
		}
	}

}

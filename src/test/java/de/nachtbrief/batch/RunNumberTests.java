package de.nachtbrief.batch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import de.nachtbrief.store.StateDialect;

import static org.assertj.core.api.Assertions.assertThat;

class RunNumberTests {

	@TempDir
	Path folder;

	@Test
	void theRunAfterAKilledProcessIsNumberedNextNotAfterH2sLostSequenceCache() throws Exception {
		// As the run command opens it (RunCommand.start).
		String url = "jdbc:h2:file:" + this.folder.resolve("nachtbrief") + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0";
		Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), KilledRun.class.getName(), url)
			.inheritIO()
			.start();
		assertThat(killed.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(killed.exitValue()).as("the child numbered run 1, then died").isEqualTo(KilledRun.HALTED);

		try (Connection db = DriverManager.getConnection(url, "sa", "")) {
			new UncachedSequences(JdbcClient.create(new SingleConnectionDataSource(db, true)), StateDialect.H2);
			assertThat(nextRun(db)).as("the run after the kill").isEqualTo(2);
		}
	}

	private static long nextRun(Connection db) throws SQLException {
		try (ResultSet next = db.createStatement().executeQuery("SELECT NEXT VALUE FOR BATCH_JOB_INSTANCE_SEQ")) {
			next.next();
			return next.getLong(1);
		}
	}

	/**
	 * A process that starts a run, numbers it and dies as a SIGKILL leaves it: no
	 * shutdown hook, nothing closed.
	 */
	static final class KilledRun {

		static final int HALTED = 37;

		public static void main(String[] args) throws Exception {
			Connection db = DriverManager.getConnection(args[0], "sa", "");
			ScriptUtils.executeSqlScript(db, new ClassPathResource("org/springframework/batch/core/schema-h2.sql"));
			new UncachedSequences(JdbcClient.create(new SingleConnectionDataSource(db, true)), StateDialect.H2);
			Runtime.getRuntime().halt(nextRun(db) == 1 ? HALTED : 1);
		}

	}

}

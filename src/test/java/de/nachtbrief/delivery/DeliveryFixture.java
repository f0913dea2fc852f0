package de.nachtbrief.delivery;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.h2.jdbcx.JdbcDataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mail.javamail.JavaMailSender;

import de.nachtbrief.llm.ApiKeys;
import de.nachtbrief.llm.RetryClock;

/**
 * A fresh in-memory H2 with Nachtbrief's schema, a secrets file for webhook URLs, and
 * delivery services over them whose clock records sleeps instead of waiting.
 */
final class DeliveryFixture implements AutoCloseable {

	final JdbcClient jdbc;

	private final JdbcDataSource dataSource;

	final Outbox outbox;

	final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	private final Path secretsFile;

	private final Properties secrets = new Properties();

	DeliveryFixture(Path folder) throws IOException {
		this.dataSource = new JdbcDataSource();
		this.dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		new ResourceDatabasePopulator(new ClassPathResource("schema-nachtbrief.sql")).execute(this.dataSource);
		this.jdbc = JdbcClient.create(this.dataSource);
		this.outbox = new Outbox(this.jdbc, new DataSourceTransactionManager(this.dataSource));
		this.secretsFile = folder.resolve("secrets.properties");
		Files.writeString(this.secretsFile, "");
		System.setProperty(ApiKeys.SECRETS_FILE_PROPERTY, this.secretsFile.toString());
	}

	void secret(String variable, String value) throws IOException {
		this.secrets.setProperty(variable, value);
		try (var writer = Files.newBufferedWriter(this.secretsFile)) {
			this.secrets.store(writer, null);
		}
	}

	/** A service as after a restart: new objects over the same database. */
	DeliveryService service(JavaMailSender mail) {
		RetryClock clock = new RetryClock() {
			@Override
			public Instant now() {
				return Instant.now();
			}

			@Override
			public void sleep(Duration duration) {
				DeliveryFixture.this.sleeps.add(duration);
			}
		};
		return new DeliveryService(new Outbox(this.jdbc, new DataSourceTransactionManager(this.dataSource)),
				new WebhookSender(HttpClient.newHttpClient(), Duration.ofSeconds(5)),
				new EmailSender(mail, "nachtbrief@example.org"), clock, 5, Duration.ofSeconds(2));
	}

	/** A run's digest files in a language, as the digest step writes them. */
	static void writeDigest(Path output, long run, String date, String language, String markdown) throws IOException {
		Path digests = Files.createDirectories(output.resolve("digests"));
		Files.writeString(digests.resolve(date + "-run-" + run + "." + language + ".md"), markdown);
		Files.writeString(digests.resolve(date + "-run-" + run + "." + language + ".html"),
				"<html><body><p>" + markdown + "</p></body></html>");
	}

	@Override
	public void close() {
		System.clearProperty(ApiKeys.SECRETS_FILE_PROPERTY);
	}

}

package de.nachtbrief.delivery;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

import de.nachtbrief.llm.RetryClock;

/**
 * Wires delivery: the SMTP server comes from {@code spring.mail.*} (Boot makes a
 * {@link JavaMailSender} only when {@code spring.mail.host} is set), the sender address
 * from {@code nachtbrief.delivery.from}.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	/** Five attempts, waiting 2, 4, 8 and 16 seconds between them. */
	static final int MAX_ATTEMPTS = 5;

	@Bean
	DeliveryService deliveryService(JdbcClient jdbc, PlatformTransactionManager transactions,
			ObjectProvider<JavaMailSender> mail,
			@Value("${nachtbrief.delivery.from:nachtbrief@localhost}") String from) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		return new DeliveryService(new Outbox(jdbc, transactions), new WebhookSender(client, Duration.ofSeconds(30)),
				new EmailSender(mail.getIfAvailable(), from), RetryClock.SYSTEM, MAX_ATTEMPTS, Duration.ofSeconds(2));
	}

}

package de.nachtbrief.delivery;

import java.nio.file.Path;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/** The e-mail channel against GreenMail, a real SMTP server on 127.0.0.1. */
class EmailDeliveryTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

	@TempDir
	Path output;

	DeliveryFixture fixture;

	@BeforeEach
	void start() throws Exception {
		this.fixture = new DeliveryFixture(this.output);
	}

	@AfterEach
	void stop() {
		this.fixture.close();
	}

	@Test
	void sendsHtmlAndPlainTextAlternativesInEnglishAndChineseWithAnEncodedSubject() throws Exception {
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		mail.setHost("127.0.0.1");
		mail.setPort(smtp.getSmtp().getPort());
		mail.setDefaultEncoding("UTF-8");
		DeliveryFixture.writeDigest(this.output, 7, WebhookDeliveryTests.DATE, "en",
				WebhookDeliveryTests.digest("en", 1));
		DeliveryFixture.writeDigest(this.output, 7, WebhookDeliveryTests.DATE, "zh",
				WebhookDeliveryTests.digest("zh", 1));
		DeliveryService service = this.fixture.service(mail);
		Delivery delivery = new Delivery(List.of(new Delivery.Recipient("desk", List.of(), Channel.EMAIL,
				List.of("desk@example.org", "chef@example.org"), null, null)), false);
		service.enqueue(7, WebhookDeliveryTests.DATE, this.output, List.of("en", "zh"), delivery, 1);

		assertThat(service.deliverPending()).isEqualTo(new DeliveryService.Outcome(2, 0, 0));

		// One copy per language for each of the two addresses.
		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(4);
		MimeMessage english = received[0];
		MimeMessage chinese = received[3];
		assertThat(english.getSubject()).isEqualTo("Nachtbrief Digest 2026-03-14");
		assertThat(chinese.getSubject()).isEqualTo("Nachtbrief 摘要汇编 2026-03-14");
		assertThat(chinese.getHeader("Subject")[0]).startsWith("=?UTF-8?");
		assertThat(chinese.getMessageID()).isEqualTo("<" + DigestMessages.key(7, "desk", "zh", 1) + "@nachtbrief>");
		assertThat(chinese.getFrom()[0].toString()).isEqualTo("nachtbrief@example.org");

		MimeMultipart parts = (MimeMultipart) chinese.getContent();
		assertThat(parts.getContentType()).startsWith("multipart/alternative");
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
		assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("utf-8");
		assertThat((String) parts.getBodyPart(0).getContent()).contains("这是一段较长的中文摘要").contains("内容 1 结束。");
		assertThat((String) parts.getBodyPart(1).getContent()).startsWith("<html>").contains("内容 1 结束。");
		MimeMultipart englishParts = (MimeMultipart) english.getContent();
		assertThat((String) englishParts.getBodyPart(0).getContent()).contains("# Nachtbrief Digest");
		assertThat((String) englishParts.getBodyPart(1).getContent()).contains("<html>");
	}

	@Test
	void withoutAnSmtpServerConfiguredTheMessageFailsOnceAndTheRunGoesOn() throws Exception {
		DeliveryFixture.writeDigest(this.output, 7, WebhookDeliveryTests.DATE, "en",
				WebhookDeliveryTests.digest("en", 1));
		DeliveryService service = this.fixture.service(null);
		service.enqueue(7, WebhookDeliveryTests.DATE, this.output, List.of("en"), new Delivery(List
			.of(new Delivery.Recipient("desk", List.of(), Channel.EMAIL, List.of("desk@example.org"), null, null)),
				false), 1);
		assertThat(service.deliverPending()).isEqualTo(new DeliveryService.Outcome(0, 1, 0));
		OutboxMessage row = this.fixture.outbox.ofRun(7).get(0);
		assertThat(row.attempts()).isEqualTo(1);
		assertThat(row.lastError()).contains("spring.mail.host");
	}

}

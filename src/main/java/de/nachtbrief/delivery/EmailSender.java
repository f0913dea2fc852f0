package de.nachtbrief.delivery;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends a digest as multipart/alternative (plain-text Markdown, then HTML) with a UTF-8
 * subject and a {@code Message-ID} derived from the outbox key, so a message sent again
 * after a crash is the same message to the receiver.
 */
class EmailSender {

	private final JavaMailSender mail;

	private final String from;

	EmailSender(JavaMailSender mail, String from) {
		this.mail = mail;
		this.from = from;
	}

	void send(OutboxMessage message) throws DeliveryException {
		if (this.mail == null) {
			throw new DeliveryException("no SMTP server: set spring.mail.host", false);
		}
		MimeMessage mime = this.mail.createMimeMessage();
		try {
			mime.setFrom(new InternetAddress(this.from));
			mime.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(message.address()));
			mime.setSubject(message.title(), StandardCharsets.UTF_8.name());
			MimeMultipart alternative = new MimeMultipart("alternative");
			MimeBodyPart text = new MimeBodyPart();
			text.setText(message.body(), StandardCharsets.UTF_8.name(), "plain");
			alternative.addBodyPart(text);
			if (message.html() != null) {
				MimeBodyPart html = new MimeBodyPart();
				html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
				alternative.addBodyPart(html);
			}
			mime.setContent(alternative);
			// JavaMailSenderImpl keeps a Message-ID set before sending.
			mime.setHeader("Message-ID", "<" + message.idempotencyKey() + "@nachtbrief>");
		}
		catch (MessagingException ex) {
			throw new DeliveryException("cannot build the e-mail: " + ex.getMessage(), false);
		}
		try {
			this.mail.send(mime);
		}
		catch (MailAuthenticationException | MailParseException ex) {
			throw new DeliveryException("SMTP refused: " + ex.getClass().getSimpleName(), false);
		}
		catch (MailException ex) {
			throw new DeliveryException("SMTP: " + ex.getMostSpecificCause().getMessage(), true);
		}
	}

}

package de.nachtbrief.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.nachtbrief.brief.Markdown;
import de.nachtbrief.llm.RetryClock;

/**
 * Delivers each run's digests through the outbox: {@link #enqueue} records one message
 * per recipient, language and part, {@link #deliverPending} sends them with bounded
 * retries. A message is marked SENDING (committed) before it leaves and SENT after; one
 * found SENDING later was cut off by a crash and is sent again only on an idempotent
 * {@link Channel}, else marked UNCERTAIN so nobody gets it twice.
 */
public class DeliveryService {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryService.class);

	private final Outbox outbox;

	private final WebhookSender webhooks;

	private final EmailSender email;

	private final RetryClock clock;

	private final int maxAttempts;

	private final Duration firstBackoff;

	DeliveryService(Outbox outbox, WebhookSender webhooks, EmailSender email, RetryClock clock, int maxAttempts,
			Duration firstBackoff) {
		this.outbox = outbox;
		this.webhooks = webhooks;
		this.email = email;
		this.clock = clock;
		this.maxAttempts = maxAttempts;
		this.firstBackoff = firstBackoff;
	}

	/** What {@link #deliverPending} did. */
	public record Outcome(int sent, int failed, int uncertain) {
	}

	/**
	 * Records the messages of a run's digests; repeating it for the same run changes
	 * nothing.
	 * @param newBriefs the run's new briefs; with none, nothing is sent unless
	 * {@code send-empty} is set
	 */
	public void enqueue(long run, String date, Path outputFolder, List<String> jobLanguages, Delivery delivery,
			int newBriefs) throws IOException {
		String skipped = skipReason(delivery, newBriefs);
		if (skipped != null) {
			if (!delivery.recipients().isEmpty()) {
				logger.info("Run {}: no digest is sent: {}", run, skipped);
			}
			return;
		}
		for (Delivery.Recipient recipient : delivery.recipients()) {
			for (String language : recipient.languagesOf(jobLanguages)) {
				Path base = outputFolder.resolve("digests/" + date + "-run-" + run + "." + language);
				Path markdownFile = base.resolveSibling(base.getFileName() + ".md");
				if (this.outbox.has(run, recipient.name(), language) || !Files.isRegularFile(markdownFile)) {
					continue;
				}
				String markdown = Files.readString(markdownFile);
				Path htmlFile = base.resolveSibling(base.getFileName() + ".html");
				String html = Files.isRegularFile(htmlFile) ? Files.readString(htmlFile)
						: Markdown.toHtmlPage("Nachtbrief " + date, language, markdown);
				DigestMessages.of(run, date, language, recipient, markdown, html).forEach(this.outbox::enqueue);
			}
		}
	}

	/**
	 * Why a run sends no digest at all, or null when {@link #enqueue} records its
	 * messages.
	 */
	public static String skipReason(Delivery delivery, int newBriefs) {
		if (delivery.recipients().isEmpty()) {
			return "no recipients";
		}
		if (newBriefs == 0 && !delivery.sendEmpty()) {
			return "no new briefs, and send-empty is off";
		}
		return null;
	}

	/** What became of a run's messages, by recipient, language and part. */
	public List<OutboxEntry> entriesOf(long run) {
		return this.outbox.entriesOf(run);
	}

	/** Settles sends a crash cut off, then sends every pending message. */
	public Outcome deliverPending() {
		int uncertain = 0;
		for (OutboxMessage cutOff : this.outbox.withStatus(OutboxStatus.SENDING)) {
			if (cutOff.channel().idempotent()) {
				this.outbox.mark(cutOff.id(), OutboxStatus.PENDING, "interrupted; sent again with the same key");
			}
			else {
				this.outbox.mark(cutOff.id(), OutboxStatus.UNCERTAIN, "interrupted between sending and recording; "
						+ cutOff.channel().name().toLowerCase() + " cannot drop a repeat, so it is not sent again");
				logger.warn("Run {}: digest part {} ({}) to '{}' may or may not have arrived; not sent again",
						cutOff.run(), cutOff.part(), cutOff.language(), cutOff.recipient());
				uncertain++;
			}
		}
		int sent = 0;
		int failed = 0;
		for (OutboxMessage message : this.outbox.withStatus(OutboxStatus.PENDING)) {
			if (Thread.currentThread().isInterrupted()) {
				break;
			}
			if (deliver(message)) {
				sent++;
			}
			else {
				failed++;
			}
		}
		return new Outcome(sent, failed, uncertain);
	}

	private boolean deliver(OutboxMessage message) {
		int attempt = message.attempts();
		while (true) {
			this.outbox.markSending(message.id());
			attempt++;
			try {
				send(message);
				this.outbox.markSent(message.id());
				logger.info("Run {}: digest part {}/{} ({}) sent to '{}' by {}", message.run(), message.part(),
						message.parts(), message.language(), message.recipient(), message.channel());
				return true;
			}
			catch (DeliveryException ex) {
				if (!ex.retryable() || attempt >= this.maxAttempts) {
					this.outbox.mark(message.id(), OutboxStatus.FAILED, ex.getMessage());
					logger.warn("Run {}: digest to '{}' failed after {} attempt(s): {}", message.run(),
							message.recipient(), attempt, ex.getMessage());
					return false;
				}
				this.outbox.mark(message.id(), OutboxStatus.PENDING, ex.getMessage());
				try {
					this.clock.sleep(this.firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 10)));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
	}

	private void send(OutboxMessage message) throws DeliveryException {
		if (message.channel() == Channel.EMAIL) {
			this.email.send(message);
		}
		else {
			this.webhooks.send(message, this.clock.now());
		}
	}

}

package de.nachtbrief.delivery;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash between a message leaving and its outcome being recorded, simulated by a row
 * left SENDING and a new service over the same database: an idempotent channel sends it
 * again with the same key, any other marks it UNCERTAIN and sends nothing.
 */
class CrashRecoveryDeliveryTests {

	@TempDir
	Path output;

	DeliveryFixture fixture;

	LoopbackWebhook server;

	@BeforeEach
	void start() throws Exception {
		this.fixture = new DeliveryFixture(this.output);
		this.server = LoopbackWebhook.start();
		this.fixture.secret("HOOK_URL", this.server.url());
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.fixture.close();
	}

	@Test
	void genericWebhookLeftSendingIsSentAgainWithTheSameIdempotencyKey() throws Exception {
		OutboxMessage row = leftSending(Channel.WEBHOOK);
		DeliveryService.Outcome outcome = this.fixture.service(null).deliverPending();
		assertThat(outcome).isEqualTo(new DeliveryService.Outcome(1, 0, 0));
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.server.requests().get(0).header("Idempotency-Key")).isEqualTo(row.idempotencyKey())
			.isEqualTo(DigestMessages.key(7, "team", "en", 1));
		OutboxMessage after = this.fixture.outbox.ofRun(7).get(0);
		assertThat(after.status()).isEqualTo(OutboxStatus.SENT);
		assertThat(after.attempts()).isEqualTo(2);
	}

	@Test
	void slackLeftSendingIsMarkedUncertainAndNotSentAgain() throws Exception {
		leftSending(Channel.SLACK);
		DeliveryService.Outcome outcome = this.fixture.service(null).deliverPending();
		assertThat(outcome).isEqualTo(new DeliveryService.Outcome(0, 0, 1));
		assertThat(this.server.requests()).isEmpty();
		OutboxMessage after = this.fixture.outbox.ofRun(7).get(0);
		assertThat(after.status()).isEqualTo(OutboxStatus.UNCERTAIN);
		assertThat(after.lastError()).contains("not sent again");
		assertThat(this.fixture.service(null).deliverPending()).isEqualTo(new DeliveryService.Outcome(0, 0, 0));
		assertThat(this.server.requests()).isEmpty();
	}

	/** Enqueues one message and leaves it as a crash after the send would: SENDING. */
	private OutboxMessage leftSending(Channel channel) throws Exception {
		DeliveryFixture.writeDigest(this.output, 7, WebhookDeliveryTests.DATE, "en",
				WebhookDeliveryTests.digest("en", 1));
		this.fixture.service(null)
			.enqueue(7, WebhookDeliveryTests.DATE, this.output, List.of("en"),
					WebhookDeliveryTests.delivery(channel, null, false), 1);
		OutboxMessage row = this.fixture.outbox.ofRun(7).get(0);
		this.fixture.outbox.markSending(row.id());
		assertThat(this.fixture.outbox.withStatus(OutboxStatus.SENDING)).hasSize(1);
		return row;
	}

}

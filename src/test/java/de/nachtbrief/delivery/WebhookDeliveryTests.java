package de.nachtbrief.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each chat channel and the generic webhook against a real HTTP server on 127.0.0.1:
 * payload format, signature, splitting, retries and what happens to no news.
 */
class WebhookDeliveryTests {

	static final String DATE = "2026-03-14";

	private static final ObjectMapper json = new ObjectMapper();

	@TempDir
	Path output;

	DeliveryFixture fixture;

	LoopbackWebhook server;

	@BeforeEach
	void start() throws Exception {
		this.fixture = new DeliveryFixture(this.output);
		this.server = LoopbackWebhook.start();
		this.fixture.secret("HOOK_URL", this.server.url());
		this.fixture.secret("HOOK_SECRET", "SEC-signing-secret-0815");
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.fixture.close();
	}

	@Test
	void slackGetsMrkdwnTextWithBoldHeadingsAndNoRelativeLinks() throws Exception {
		send(7, "en", Channel.SLACK, null, digest("en", 2));
		JsonNode body = onlyBody();
		assertThat(body.fieldNames()).toIterable().containsExactly("text");
		String text = body.get("text").asText();
		assertThat(text).startsWith("*Nachtbrief Digest").contains("*Headline 1*").doesNotContain("](../");
		assertThat(text).contains("Tram &amp; bus: 3 &lt; 5");
	}

	@Test
	void dingTalkSendsSignedMarkdownWithTimestampAndSignInTheQuery() throws Exception {
		send(7, "zh", Channel.DINGTALK, "HOOK_SECRET", digest("zh", 2));
		LoopbackWebhook.Request request = this.server.requests().get(0);
		JsonNode body = json.readTree(request.body());
		assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
		assertThat(body.at("/markdown/title").asText()).isEqualTo("Nachtbrief 摘要汇编 " + DATE);
		assertThat(body.at("/markdown/text").asText()).contains("标题 1");
		String timestamp = request.query().replaceAll(".*timestamp=(\\d+).*", "$1");
		String sign = request.query().replaceAll(".*sign=([^&]+).*", "$1");
		byte[] expected = hmac("SEC-signing-secret-0815", timestamp + "\nSEC-signing-secret-0815");
		assertThat(java.net.URLDecoder.decode(sign, StandardCharsets.UTF_8))
			.isEqualTo(Base64.getEncoder().encodeToString(expected));
		assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis(),
				org.assertj.core.data.Offset.offset(60_000L));
	}

	@Test
	void feishuSendsSignedTextWithTimestampAndSignInTheBody() throws Exception {
		send(7, "zh", Channel.FEISHU, "HOOK_SECRET", digest("zh", 2));
		JsonNode body = onlyBody();
		assertThat(body.get("msg_type").asText()).isEqualTo("text");
		assertThat(body.at("/content/text").asText()).startsWith("Nachtbrief 摘要汇编 " + DATE).contains("标题 2");
		String timestamp = body.get("timestamp").asText();
		byte[] expected = hmac(timestamp + "\nSEC-signing-secret-0815", "");
		assertThat(body.get("sign").asText()).isEqualTo(Base64.getEncoder().encodeToString(expected));
		assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis() / 1000,
				org.assertj.core.data.Offset.offset(60L));
	}

	@Test
	void teamsGetsAnAdaptiveCardInAMessageAttachment() throws Exception {
		send(7, "en", Channel.TEAMS, null, digest("en", 2));
		JsonNode body = onlyBody();
		assertThat(body.get("type").asText()).isEqualTo("message");
		JsonNode attachment = body.at("/attachments/0");
		assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
		assertThat(attachment.at("/content/type").asText()).isEqualTo("AdaptiveCard");
		assertThat(attachment.at("/content/body/1/text").asText()).contains("**Headline 1**");
	}

	@Test
	void weComSplitsALongChineseDigestIntoNumberedPartsOfAtMost4096Bytes() throws Exception {
		String digest = digest("zh", 40);
		send(7, "zh", Channel.WECOM, null, digest);
		List<String> contents = this.server.requests()
			.stream()
			.map((r) -> read(r.body()).at("/markdown/content").asText())
			.toList();
		assertThat(contents).hasSizeGreaterThan(2);
		for (int i = 0; i < contents.size(); i++) {
			assertThat(contents.get(i).getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(4096);
			assertThat(contents.get(i)).startsWith("(" + (i + 1) + "/" + contents.size() + ")\n\n");
			assertThat(read(this.server.requests().get(i).body()).get("msgtype").asText()).isEqualTo("markdown");
		}
		String joined = String.join("\n\n", contents);
		for (int brief = 1; brief <= 40; brief++) {
			assertThat(joined).contains("内容 " + brief + " 结束。");
		}
		assertThat(this.fixture.outbox.ofRun(7)).allMatch((m) -> m.status() == OutboxStatus.SENT);
	}

	@Test
	void genericWebhookCarriesMarkdownHtmlAndAStableIdempotencyKey() throws Exception {
		send(7, "en", Channel.WEBHOOK, null, digest("en", 1));
		LoopbackWebhook.Request request = this.server.requests().get(0);
		JsonNode body = json.readTree(request.body());
		assertThat(body.get("run").asLong()).isEqualTo(7);
		assertThat(body.get("language").asText()).isEqualTo("en");
		assertThat(body.get("part").asInt()).isEqualTo(1);
		assertThat(body.get("parts").asInt()).isEqualTo(1);
		assertThat(body.get("markdown").asText()).contains("[Headline 1](../briefs/");
		assertThat(body.get("html").asText()).startsWith("<html>");
		assertThat(request.header("Idempotency-Key")).isEqualTo(DigestMessages.key(7, "team", "en", 1));
	}

	@Test
	void retriesAfterServerErrorsUntilAcceptedWithDoublingWaits() throws Exception {
		this.server.answerWith(500, 503);
		DeliveryService.Outcome outcome = send(7, "en", Channel.SLACK, null, digest("en", 1));
		assertThat(this.server.requests()).hasSize(3);
		assertThat(outcome).isEqualTo(new DeliveryService.Outcome(1, 0, 0));
		assertThat(this.fixture.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
		OutboxMessage row = this.fixture.outbox.ofRun(7).get(0);
		assertThat(row.status()).isEqualTo(OutboxStatus.SENT);
		assertThat(row.attempts()).isEqualTo(3);
	}

	@Test
	void givesUpAfterFiveAttemptsAndRecordsTheFailureWithoutTheUrl() throws Exception {
		this.server.answerWith(500, 500, 500, 500, 500, 500);
		DeliveryService.Outcome outcome = send(7, "en", Channel.WEBHOOK, null, digest("en", 1));
		assertThat(this.server.requests()).hasSize(5);
		assertThat(outcome).isEqualTo(new DeliveryService.Outcome(0, 1, 0));
		OutboxMessage row = this.fixture.outbox.ofRun(7).get(0);
		assertThat(row.status()).isEqualTo(OutboxStatus.FAILED);
		assertThat(row.attempts()).isEqualTo(5);
		assertThat(row.lastError()).isEqualTo("HTTP 500").doesNotContain("T0KEN");
	}

	@Test
	void aRefusalIsNotRetriedAndAnErrorCodeInA200IsRetried() throws Exception {
		this.server.answerWith(404);
		send(7, "en", Channel.SLACK, null, digest("en", 1));
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.fixture.outbox.ofRun(7).get(0).status()).isEqualTo(OutboxStatus.FAILED);
		this.server.answerBody("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
		send(8, "en", Channel.WECOM, null, digest("en", 1));
		assertThat(this.server.requests()).hasSize(6);
		assertThat(this.fixture.outbox.ofRun(8).get(0).lastError()).startsWith("errcode 45009");
	}

	@Test
	void aRunWithoutNewBriefsSendsNothingUnlessSendEmptyIsSet() throws Exception {
		DeliveryFixture.writeDigest(this.output, 7, DATE, "en", digest("en", 0));
		DeliveryService service = this.fixture.service(null);
		service.enqueue(7, DATE, this.output, List.of("en"), delivery(Channel.SLACK, null, false), 0);
		assertThat(service.deliverPending()).isEqualTo(new DeliveryService.Outcome(0, 0, 0));
		assertThat(this.server.requests()).isEmpty();
		service.enqueue(7, DATE, this.output, List.of("en"), delivery(Channel.SLACK, null, true), 0);
		assertThat(service.deliverPending().sent()).isEqualTo(1);
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void enqueueingTheSameRunAgainChangesNothing() throws Exception {
		DeliveryFixture.writeDigest(this.output, 7, DATE, "zh", digest("zh", 40));
		DeliveryService service = this.fixture.service(null);
		Delivery delivery = new Delivery(List.of(recipient(Channel.WECOM, null, "zh")), false);
		service.enqueue(7, DATE, this.output, List.of("zh"), delivery, 40);
		List<OutboxMessage> first = this.fixture.outbox.ofRun(7);
		service.enqueue(7, DATE, this.output, List.of("zh"), delivery, 40);
		assertThat(this.fixture.outbox.ofRun(7)).isEqualTo(first).hasSizeGreaterThan(2);
		service.deliverPending();
		service.enqueue(7, DATE, this.output, List.of("zh"), delivery, 40);
		assertThat(service.deliverPending()).isEqualTo(new DeliveryService.Outcome(0, 0, 0));
		assertThat(this.server.requests()).hasSize(first.size());
	}

	DeliveryService.Outcome send(long run, String language, Channel channel, String secretEnv, String markdown)
			throws Exception {
		DeliveryFixture.writeDigest(this.output, run, DATE, language, markdown);
		DeliveryService service = this.fixture.service(null);
		service.enqueue(run, DATE, this.output, List.of("en", "zh"),
				new Delivery(List.of(recipient(channel, secretEnv, language)), false), 1);
		return service.deliverPending();
	}

	static Delivery delivery(Channel channel, String secretEnv, boolean sendEmpty) {
		return new Delivery(List.of(recipient(channel, secretEnv, "en")), sendEmpty);
	}

	static Delivery.Recipient recipient(Channel channel, String secretEnv, String language) {
		return new Delivery.Recipient("team", List.of(language), channel, List.of(), "HOOK_URL", secretEnv);
	}

	/** A digest shaped like the digest step's, with {@code briefs} entries. */
	static String digest(String language, int briefs) {
		boolean zh = language.startsWith("zh");
		StringBuilder out = new StringBuilder("# Nachtbrief " + (zh ? "摘要汇编" : "Digest") + " · " + DATE
				+ " · run 7\n\n**" + briefs + "** new briefs\n\n");
		for (int i = 1; i <= briefs; i++) {
			out.append("## [")
				.append(zh ? "标题 " : "Headline ")
				.append(i)
				.append("](../briefs/")
				.append(DATE)
				.append("/a")
				.append(i)
				.append(".")
				.append(language)
				.append(".md)\n\n_a")
				.append(i)
				.append(".txt_\n\n");
			out.append(zh ? "这是一段较长的中文摘要，讲述市议会的预算和学校的投资。".repeat(6) + "内容 " + i + " 结束。"
					: "Tram & bus: 3 \\< 5, said the council.");
			out.append("\n\n- ")
				.append(zh ? "要点一" : "Point one")
				.append("\n- ")
				.append(zh ? "要点二" : "Point two")
				.append("\n\n");
		}
		return out.toString();
	}

	private JsonNode onlyBody() {
		assertThat(this.server.requests()).hasSize(1);
		return read(this.server.requests().get(0).body());
	}

	private static JsonNode read(String body) {
		try {
			return json.readTree(body);
		}
		catch (Exception ex) {
			throw new AssertionError("not JSON: " + body, ex);
		}
	}

	private static byte[] hmac(String key, String data) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
	}

}

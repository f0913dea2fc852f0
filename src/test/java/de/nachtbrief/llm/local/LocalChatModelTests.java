package de.nachtbrief.llm.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The in-process backend against real GGUF files written by {@link TinyGguf}: llama.cpp
 * loads them, applies their chat template, keeps to token limits, stop strings and
 * grammars, and says clearly what is wrong with a file it cannot use.
 */
class LocalChatModelTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(1);

	@TempDir
	Path folder;

	@Test
	void appliesTheChatTemplateFromTheModelFile() throws IOException {
		try (LocalChatModel model = open(TinyGguf.random(1).write(this.folder.resolve("random.gguf")), 1024)) {
			String prompt = model.prompt(List.of(SystemMessage.from("Be brief."), UserMessage.from("Hallo Welt")));

			assertThat(prompt).isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHallo Welt"
					+ "<|im_end|>\n<|im_start|>assistant\n");
			// The template's markers are the model's control tokens, one token each.
			assertThat(model.countTokens("<|im_start|><|im_end|>")).isEqualTo(2);
		}
	}

	@Test
	void stopsAtTheTokenLimitAndSaysSo() throws IOException {
		try (LocalChatModel model = open(preferring("ab"), 1024)) {
			ChatResponse response = model
				.chat(ChatRequest.builder().messages(UserMessage.from("Hallo")).maxOutputTokens(8).build());

			assertThat(response.aiMessage().text()).isEqualTo("ab".repeat(8));
			assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
			// Counted again, SentencePiece puts a word-start token before the answer.
			assertThat(response.tokenUsage().outputTokenCount()).isBetween(8, 9);
			String prompt = model.prompt(List.of(UserMessage.from("Hallo")));
			assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(model.countTokens(prompt)).isGreaterThan(5);
		}
	}

	@Test
	void stopsAtAStopStringAndAtTheEndOfTheTurn() throws IOException {
		try (LocalChatModel model = open(preferring("ab"), 1024)) {
			ChatResponse stopped = model.chat(ChatRequest.builder()
				.messages(UserMessage.from("Hallo"))
				.maxOutputTokens(20)
				.stopSequences(List.of("bab"))
				.build());

			assertThat(stopped.aiMessage().text()).isEqualTo("a");
			assertThat(stopped.finishReason()).isEqualTo(FinishReason.STOP);
		}
		try (LocalChatModel model = open(preferring(), 1024)) {
			ChatResponse ended = model
				.chat(ChatRequest.builder().messages(UserMessage.from("Hallo")).maxOutputTokens(20).build());

			assertThat(ended.aiMessage().text()).isEmpty();
			assertThat(ended.finishReason()).isEqualTo(FinishReason.STOP);
		}
	}

	@Test
	void aJsonSchemaBecomesAGrammarSoEvenRandomWeightsAnswerJsonThatParses() throws IOException {
		JsonObjectSchema verdict = JsonObjectSchema.builder()
			.addProperty("relevant", JsonBooleanSchema.builder().build())
			.addProperty("colour", JsonEnumSchema.builder().enumValues("red", "green", "blue").build())
			.addProperty("count", JsonIntegerSchema.builder().build())
			.required("relevant", "colour", "count")
			.additionalProperties(false)
			.build();
		ResponseFormat format = ResponseFormat.builder()
			.type(ResponseFormatType.JSON)
			.jsonSchema(JsonSchema.builder().name("Verdict").rootElement(verdict).build())
			.build();
		try (LocalChatModel model = open(TinyGguf.random(7).write(this.folder.resolve("random.gguf")), 1024)) {
			for (String question : List.of("Ist das relevant?", "Welche Farbe?", "Wie viele?")) {
				ChatResponse response = model.chat(ChatRequest.builder()
					.messages(UserMessage.from(question))
					.temperature(1.0)
					.responseFormat(format)
					.maxOutputTokens(300)
					.build());

				Map<String, Object> answer = new ObjectMapper().readValue(response.aiMessage().text(),
						new TypeReference<>() {
						});
				assertThat(answer.keySet()).containsExactlyInAnyOrder("relevant", "colour", "count");
				assertThat(answer.get("relevant")).isInstanceOf(Boolean.class);
				assertThat(answer.get("colour")).isIn("red", "green", "blue");
				assertThat(answer.get("count")).isInstanceOfAny(Integer.class, Long.class);
				assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
			}
		}
	}

	@Test
	void aPromptThatLeavesTooLittleRoomForTheAnswerIsReportedAsTooLong() throws IOException {
		try (LocalChatModel model = open(preferring("ab"), 600)) {
			String article = "Nachtbrief ".repeat(60);
			int promptTokens = model.countTokens(model.prompt(List.of(UserMessage.from(article))));

			assertThat(600 - promptTokens).isLessThan(LocalChatModel.MINIMUM_ANSWER_TOKENS);
			assertThatThrownBy(() -> model.chat(ChatRequest.builder().messages(UserMessage.from(article)).build()))
				.isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("prompt is too long: " + promptTokens + " tokens");
		}
	}

	@Test
	void oneModelIsSharedAndItsCallsRunOneAtATime() throws Exception {
		Path file = preferring("ab");
		try (LocalChatModel first = open(file, 1024); LocalChatModel second = open(file, 1024)) {
			assertThat(second.loaded()).isSameAs(first.loaded());
			CountDownLatch busy = new CountDownLatch(1);
			first.loaded().submit(() -> busy.await(30, TimeUnit.SECONDS));

			CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> second
				.chat(ChatRequest.builder().messages(UserMessage.from("Hallo")).maxOutputTokens(2).build())
				.aiMessage()
				.text());
			Thread.sleep(300);
			assertThat(waiting).as("a call waits while the model is busy with another").isNotDone();

			busy.countDown();
			assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo("abab");
		}
	}

	@Test
	void anAnswerThatOutlastsTheTimeoutIsStoppedAndTheModelAnswersTheNextCall() throws IOException {
		Path file = preferring("ab");
		try (LocalChatModel hasty = LocalModels.open(file, 4096, 2, Duration.ofMillis(20), 0.2);
				LocalChatModel patient = open(file, 4096)) {
			assertThatThrownBy(() -> hasty.chat(ChatRequest.builder().messages(UserMessage.from("Hallo")).build()))
				.isInstanceOf(LangChain4jException.class)
				.hasMessageContaining("took longer than the timeout of PT0.02S");

			assertThat(
					patient.chat(ChatRequest.builder().messages(UserMessage.from("Hallo")).maxOutputTokens(3).build())
						.aiMessage()
						.text())
				.isEqualTo("ababab");
		}
	}

	@Test
	void aModelStaysLoadedForItsNextUser() throws IOException {
		Path file = preferring("ab");
		LocalChatModel first = open(file, 1024);
		LoadedModel loaded = first.loaded();
		first.close();

		try (LocalChatModel second = open(file, 1024)) {
			assertThat(second.loaded()).isSameAs(loaded);
			assertThat(second.chat(ChatRequest.builder().messages(UserMessage.from("Hallo")).maxOutputTokens(1).build())
				.aiMessage()
				.text()).isEqualTo("ab");
		}
		assertThatThrownBy(() -> first.chat("Hallo")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("was closed");
	}

	@Test
	void aMissingFileIsNamed() {
		Path missing = this.folder.resolve("models/qwen2.5-1.5b-instruct-q4_k_m.gguf");

		assertThatThrownBy(() -> open(missing, 1024)).isInstanceOf(LocalModelException.class)
			.hasMessage("no model file at " + missing.toAbsolutePath());
	}

	@Test
	void aFileThatIsNotGgufIsNamedAsSuch() throws IOException {
		Path html = Files.writeString(this.folder.resolve("model.gguf"), "<html>Repository not found</html>");

		assertThatThrownBy(() -> open(html, 1024)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("is not a GGUF model file");
	}

	@Test
	void aCutOffFileIsRecognisedBeforeLlamaCppSeesIt() throws IOException {
		Path whole = preferring("ab");
		byte[] bytes = Files.readAllBytes(whole);
		Path cut = Files.write(this.folder.resolve("cut.gguf"), Arrays.copyOf(bytes, bytes.length / 2));
		Path inHeader = Files.write(this.folder.resolve("header.gguf"), Arrays.copyOf(bytes, 100));

		assertThatThrownBy(() -> open(cut, 1024)).isInstanceOf(LocalModelException.class)
			.hasMessage(cut.toAbsolutePath() + " is cut off: it has " + bytes.length / 2 + " bytes of the "
					+ bytes.length + " its tensors need");
		assertThatThrownBy(() -> open(inHeader, 1024)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("ends inside its GGUF header");
	}

	@Test
	void aModelLlamaCppCannotRunNamesItsArchitecture() throws IOException {
		Path unknown = TinyGguf.random(1).architecture("qwen3").write(this.folder.resolve("qwen3.gguf"));

		assertThat(GgufHeader.read(unknown).architecture()).isEqualTo("qwen3");
		assertThatThrownBy(() -> open(unknown, 1024)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("llama.cpp cannot load " + unknown.toRealPath() + " (architecture 'qwen3')")
			.hasMessageContaining("not Qwen3");
	}

	@Test
	void aHeaderNoRealFileHasIsCalledDamaged() throws IOException {
		ByteBuffer header = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
		header.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(0).putLong(1);
		// The first key claims to be two gigabytes long.
		header.putLong(1L << 31);
		Path huge = Files.write(this.folder.resolve("huge.gguf"), header.array());

		assertThatThrownBy(() -> GgufHeader.read(huge)).isInstanceOf(LocalModelException.class)
			.hasMessage(huge.toAbsolutePath() + " has a damaged GGUF header (a string of 2147483648 bytes in the"
					+ " header); download it again");
	}

	@Test
	void theHeaderDescribesTheModel() throws IOException {
		GgufHeader header = GgufHeader.read(preferring("ab"));

		assertThat(header.version()).isEqualTo(3);
		assertThat(header.architecture()).isEqualTo("llama");
		assertThat(header.name()).isEqualTo("nachtbrief tiny test model");
		assertThat(header.contextLength()).isEqualTo(4096);
		assertThat(header.bytesNeeded()).isEqualTo(Files.size(preferring("ab")));
		assertThat(header.parameterCount()).isGreaterThan(100_000);
	}

	private Path preferring(String... ranked) throws IOException {
		return TinyGguf.preferring(List.of(ranked)).write(this.folder.resolve("preferring-" + ranked.length + ".gguf"));
	}

	private static LocalChatModel open(Path file, int contextWindow) {
		return LocalModels.open(file, contextWindow, 2, TIMEOUT, 0.2);
	}

}

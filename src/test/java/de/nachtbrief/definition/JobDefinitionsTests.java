package de.nachtbrief.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JobDefinitionsTests {

	@TempDir
	Path folder;

	@Test
	void bindsDeliveryRecipientsAndRejectsALanguageTheJobDoesNotWrite() throws Exception {
		JobDefinition job = load("""
				languages: [en, zh]
				delivery:
				  send-empty: true
				  recipients:
				    - name: desk
				      channel: email
				      to: [desk@example.org]
				    - name: shanghai
				      channel: dingtalk
				      languages: [zh]
				      url-env: DINGTALK_SHANGHAI_URL
				      secret-env: DINGTALK_SHANGHAI_SECRET
				""");
		assertThat(job.delivery().sendEmpty()).isTrue();
		assertThat(job.delivery().recipients()).extracting(de.nachtbrief.delivery.Delivery.Recipient::channel)
			.containsExactly(de.nachtbrief.delivery.Channel.EMAIL, de.nachtbrief.delivery.Channel.DINGTALK);
		assertThat(job.delivery().recipients().get(1).secretEnv()).isEqualTo("DINGTALK_SHANGHAI_SECRET");
		assertThat(load("").delivery().recipients()).isEmpty();
		assertThat(load("").delivery().sendEmpty()).isFalse();
		assertThatExceptionOfType(JobDefinitionException.class).isThrownBy(() -> load("""
				languages: [en]
				delivery:
				  recipients:
				    - {name: tw, channel: wecom, languages: [zh-Hant], url-env: WECOM_URL}
				""")).withMessageContaining("zh-Hant");
		assertThatExceptionOfType(JobDefinitionException.class)
			.isThrownBy(() -> load("delivery:\n  recipients:\n    - {name: x, channel: slack, url: https://x}\n"))
			.withMessageContaining("url");
	}

	@Test
	void anEmptyFileIsAJobWithEveryDefault() throws IOException {
		JobDefinition job = load("");
		assertThat(job.input().folder()).isEqualTo(Path.of("input"));
		assertThat(job.input().include()).containsExactly("**");
		assertThat(job.targetLanguages()).containsExactly(Language.EN, Language.ZH);
		assertThat(job.backends().summarize()).isEqualTo("auto");
		assertThat(job.brief().keyPoints()).isEqualTo(5);
		assertThat(job.output().formats()).containsExactly(OutputFormat.MARKDOWN, OutputFormat.HTML);
		assertThat(job.extraction().maxCharacters()).isGreaterThan(100_000);
		assertThat(job.schedule().cron()).isEqualTo("0 0 2 * * *");
		assertThat(job.schedule().zoneId()).hasToString("Europe/Berlin");
		assertThat(job.schedule().enabled()).isTrue();
		assertThat(job.watch().enabled()).isFalse();
		assertThat(job.watch().settle()).hasSeconds(10);
	}

	@Test
	void bindsTheScheduleAndTheWatch() throws IOException {
		JobDefinition job = load("""
				schedule:
				  cron: "0 30 5 * * MON-FRI"
				  zone: UTC
				  enabled: false
				watch:
				  enabled: true
				  settle: 3s
				""");
		assertThat(job.schedule().cron()).isEqualTo("0 30 5 * * MON-FRI");
		assertThat(job.schedule().enabled()).isFalse();
		assertThat(job.watch().enabled()).isTrue();
		assertThat(job.watch().settle()).hasSeconds(3);
	}

	@Test
	void rejectsACronWithoutSeconds() throws IOException {
		assertThatExceptionOfType(JobDefinitionException.class)
			.isThrownBy(() -> load("schedule:\n  cron: \"0 2 * * *\"\n"))
			.withMessageContaining("schedule.cron must be six fields");
	}

	@Test
	void rejectsAnUnknownZone() throws IOException {
		assertThatExceptionOfType(JobDefinitionException.class)
			.isThrownBy(() -> load("schedule:\n  zone: Mars/Olympus\n"))
			.withMessageContaining("schedule.zone");
	}

	@Test
	void bindsEveryKey() throws IOException {
		JobDefinition job = load("""
				input:
				  folder: articles
				  include: ["**.pdf"]
				  exclude: ["archive/**"]
				output:
				  folder: briefs-out
				  formats: [markdown]
				languages: [de, zh-Hant]
				backends:
				  summarize: deepseek
				  translate: qwen
				brief:
				  key-points: 3
				  summary-sentences: 5
				extraction:
				  max-characters: 500000
				""");
		assertThat(job.input().exclude()).containsExactly("archive/**");
		assertThat(job.targetLanguages()).containsExactly(Language.DE, Language.ZH_HANT);
		assertThat(job.backends().translate()).isEqualTo("qwen");
		assertThat(job.brief().summarySentences()).isEqualTo(5);
		assertThat(job.output().formats()).containsExactly(OutputFormat.MARKDOWN);
	}

	@Test
	void namesTheFileAndAnUnknownKey() throws IOException {
		assertThatExceptionOfType(JobDefinitionException.class).isThrownBy(() -> load("brief:\n  bullet-count: 3\n"))
			.withMessageContaining("job.yaml")
			.withMessageContaining("unknown key")
			.withMessageContaining("brief.bullet-count");
	}

	@Test
	void namesTheKeyOfAValueOfTheWrongType() throws IOException {
		assertThatExceptionOfType(JobDefinitionException.class).isThrownBy(() -> load("brief:\n  key-points: many\n"))
			.withMessageContaining("job.yaml")
			.withMessageContaining("brief.key-points");
	}

	@Test
	void rejectsAValueOutOfRange() throws IOException {
		assertThatExceptionOfType(JobDefinitionException.class).isThrownBy(() -> load("brief:\n  key-points: 50\n"))
			.withMessageContaining("brief.key-points must be between 1 and 20");
	}

	@Test
	void rejectsAnUnknownLanguage() throws IOException {
		assertThatExceptionOfType(JobDefinitionException.class).isThrownBy(() -> load("languages: [en, fr]\n"))
			.withMessageContaining("unknown language 'fr'");
	}

	@Test
	void rejectsAnUnknownOutputFormat() throws IOException {
		assertThatExceptionOfType(JobDefinitionException.class)
			.isThrownBy(() -> load("output:\n  formats: [markdown, pdf]\n"))
			.withMessageContaining("output.formats");
	}

	@Test
	void saysWhenTheFileIsMissing() {
		assertThatExceptionOfType(JobDefinitionException.class)
			.isThrownBy(() -> JobDefinitions.load(this.folder.resolve("nope.yaml")))
			.withMessageContaining("nope.yaml does not exist");
	}

	@Test
	void theShippedDefaultJobLoads() {
		JobDefinition job = JobDefinitions.load(JobDefinitions.locate(Path.of("jobs"), "default"));
		assertThat(job.targetLanguages()).containsExactly(Language.EN, Language.ZH);
	}

	private JobDefinition load(String yaml) throws IOException {
		Path file = this.folder.resolve("job.yaml");
		Files.writeString(file, yaml);
		return JobDefinitions.load(file);
	}

}

package de.nachtbrief.delivery;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.bind.DefaultValue;

import de.nachtbrief.definition.Language;

/**
 * Who receives a job's digests, as written under {@code delivery} in a job file. With
 * {@code sendEmpty} false, a run that produced no new briefs sends nothing.
 */
public record Delivery(@DefaultValue( {
	}) List<Recipient> recipients, @DefaultValue("false") boolean sendEmpty){

	public Delivery {
		recipients = List.copyOf(recipients);
		Set<String> names = new HashSet<>();
		for (Recipient recipient : recipients) {
			if (!names.add(recipient.name())) {
				throw new IllegalArgumentException(
						"delivery.recipients: the name '" + recipient.name() + "' is used twice");
			}
		}
	}

	/**
	 * Fails when a recipient asks for a language the job does not write.
	 * @param jobLanguages the job's language codes
	 */
	public void checkLanguages(List<String> jobLanguages) {
		Set<Language> written = new HashSet<>();
		jobLanguages.forEach((code) -> written.add(Language.fromCode(code)));
		for (Recipient recipient : this.recipients) {
			for (String code : recipient.languages()) {
				if (!written.contains(Language.fromCode(code))) {
					throw new IllegalArgumentException("delivery.recipients[" + recipient.name() + "].languages: '"
							+ code + "' is not among the job's languages " + jobLanguages);
				}
			}
		}
	}

	/**
	 * One receiver. An empty {@code languages} means every language of the job.
	 * {@code to} lists e-mail addresses; {@code urlEnv} names the environment variable or
	 * secrets-file key that holds a webhook URL, and {@code secretEnv} the one holding a
	 * DingTalk or Feishu signing secret.
	 */
	public record Recipient(String name, @DefaultValue( {
		}) List<String> languages, Channel channel, @DefaultValue({}) List<String> to, String urlEnv, String secretEnv){

		public Recipient {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("delivery.recipients.name: every recipient needs a name");
			}
			if (channel == null) {
				throw new IllegalArgumentException("delivery.recipients[" + name
						+ "].channel: name one of email, slack, teams, feishu, dingtalk, wecom, webhook");
			}
			languages.forEach(Language::fromCode);
			languages = List.copyOf(languages);
			to = List.copyOf(to);
			if (channel == Channel.EMAIL && (to.isEmpty() || to.stream().anyMatch((a) -> !a.contains("@")))) {
				throw new IllegalArgumentException(
						"delivery.recipients[" + name + "].to: an e-mail recipient needs addresses like a@example.org");
			}
			if (channel.webhook() && (urlEnv == null || !urlEnv.matches("[A-Za-z_][A-Za-z0-9_.]*"))) {
				throw new IllegalArgumentException("delivery.recipients[" + name
						+ "].url-env: name the variable holding the webhook URL, e.g. SLACK_NEWSROOM_URL");
			}
			if (secretEnv != null && channel != Channel.DINGTALK && channel != Channel.FEISHU) {
				throw new IllegalArgumentException(
						"delivery.recipients[" + name + "].secret-env: only dingtalk and feishu sign messages");
			}
		}

		/** The languages this recipient gets, from those the job writes. */
		public List<String> languagesOf(List<String> jobLanguages) {
			return this.languages.isEmpty() ? jobLanguages : this.languages;
		}

	}

}

package de.nachtbrief.delivery;

import de.nachtbrief.Hashes;
import java.util.ArrayList;
import java.util.List;

import de.nachtbrief.brief.Labels;

/**
 * Turns one digest into the outbox messages of one recipient, cut to the channel's limit.
 */
final class DigestMessages {

	private DigestMessages() {
	}

	static List<OutboxMessage> of(long run, String date, String language, Delivery.Recipient recipient, String markdown,
			String html) {
		Channel channel = recipient.channel();
		String title = "Nachtbrief " + Labels.of(language).digest() + " " + date;
		String address = channel == Channel.EMAIL ? String.join(", ", recipient.to()) : recipient.urlEnv();
		List<String> parts = MessageSplitter.split(ChannelFormats.dialect(channel, markdown),
				ChannelFormats.fits(channel, title));
		boolean whole = channel == Channel.EMAIL || channel == Channel.WEBHOOK;
		List<OutboxMessage> messages = new ArrayList<>();
		for (int part = 1; part <= parts.size(); part++) {
			messages.add(new OutboxMessage(0, run, recipient.name(), channel, language, part, parts.size(),
					OutboxStatus.PENDING, 0, null, key(run, recipient.name(), language, part), address,
					recipient.secretEnv(), title, whole ? markdown : parts.get(part - 1), whole ? html : null));
		}
		return messages;
	}

	/** The same for every attempt at the same message, so receivers can drop repeats. */
	static String key(long run, String recipient, String language, int part) {
		return Hashes.sha256Hex(run + "\n" + recipient + "\n" + language + "\n" + part);
	}

}

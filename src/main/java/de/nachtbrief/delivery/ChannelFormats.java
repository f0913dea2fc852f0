package de.nachtbrief.delivery;

import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Each chat channel's dialect, size limit and JSON body; {@link Channel} lists the
 * limits. Links in a digest point at files beside it, which mean nothing in a chat, so
 * only their text is kept.
 */
final class ChannelFormats {

	private static final ObjectMapper json = new ObjectMapper();

	private static final Pattern LINK = Pattern.compile("\\[((?:\\\\.|[^\\]\\\\])*)\\]\\(([^)]*)\\)");

	private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+)$");

	private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");

	private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_\\[\\]<>#|])");

	private ChannelFormats() {
	}

	/** The digest's Markdown in the channel's own dialect. */
	static String dialect(Channel channel, String markdown) {
		return switch (channel) {
			case EMAIL, WEBHOOK -> markdown;
			case DINGTALK, WECOM -> unescape(linksToText(markdown));
			case TEAMS -> unescape(HEADING.matcher(linksToText(markdown)).replaceAll("**$1**"));
			case FEISHU ->
				unescape(BOLD.matcher(HEADING.matcher(linksToText(markdown)).replaceAll("$1")).replaceAll("$1"));
			case SLACK -> slack(markdown);
		};
	}

	/** Whether a part's text is within the channel's limit. */
	static Predicate<String> fits(Channel channel, String title) {
		return switch (channel) {
			case EMAIL, WEBHOOK -> (text) -> true;
			case SLACK -> (text) -> text.length() <= 3_500;
			case WECOM -> (text) -> bytes(text) <= 4_096;
			case TEAMS -> (text) -> bytes(body(channel, title, text, null, 0)) <= 26_000;
			case FEISHU, DINGTALK -> (text) -> bytes(body(channel, title, text, "0".repeat(44), 0)) <= 18_000;
		};
	}

	/**
	 * The JSON body of a chat message; {@code sign} and {@code timestamp} are only sent
	 * to Feishu, whose signature travels in the body.
	 */
	static String body(Channel channel, String title, String text, String sign, long timestamp) {
		ObjectNode root = json.createObjectNode();
		switch (channel) {
			case SLACK -> root.put("text", text);
			case TEAMS -> teams(root, title, text);
			case FEISHU -> {
				if (sign != null) {
					root.put("timestamp", Long.toString(timestamp)).put("sign", sign);
				}
				root.put("msg_type", "text").putObject("content").put("text", title + "\n\n" + text);
			}
			case DINGTALK ->
				root.put("msgtype", "markdown").putObject("markdown").put("title", title).put("text", text);
			case WECOM -> root.put("msgtype", "markdown").putObject("markdown").put("content", text);
			default -> throw new IllegalArgumentException("channel " + channel + " has no chat body");
		}
		return root.toString();
	}

	/** The generic webhook's body: the whole part in Markdown and HTML. */
	static String webhookBody(OutboxMessage message) {
		ObjectNode root = json.createObjectNode()
			.put("run", message.run())
			.put("language", message.language())
			.put("part", message.part())
			.put("parts", message.parts())
			.put("markdown", message.body());
		root.put("html", message.html());
		return root.toString();
	}

	private static void teams(ObjectNode root, String title, String text) {
		ObjectNode card = root.put("type", "message")
			.putArray("attachments")
			.addObject()
			.put("contentType", "application/vnd.microsoft.card.adaptive")
			.putObject("content")
			.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
			.put("type", "AdaptiveCard")
			.put("version", "1.4");
		ArrayNode blocks = card.putArray("body");
		blocks.addObject().put("type", "TextBlock").put("text", title).put("weight", "Bolder").put("wrap", true);
		blocks.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
	}

	/** Slack's mrkdwn: single-star bold, no headings, and {@code & < >} as entities. */
	private static String slack(String markdown) {
		String text = unescape(linksToText(markdown)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
		text = BOLD.matcher(text).replaceAll("*$1*");
		return HEADING.matcher(text).replaceAll("*$1*");
	}

	private static String linksToText(String markdown) {
		Matcher link = LINK.matcher(markdown);
		StringBuilder out = new StringBuilder();
		while (link.find()) {
			String target = link.group(2);
			String replacement = target.startsWith("https://") ? "[" + link.group(1) + "](" + target + ")"
					: link.group(1);
			link.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		return link.appendTail(out).toString();
	}

	private static String unescape(String markdown) {
		return ESCAPE.matcher(markdown).replaceAll("$1");
	}

	static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}

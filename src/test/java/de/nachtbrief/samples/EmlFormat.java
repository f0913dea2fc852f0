package de.nachtbrief.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes an RFC 5322 message as a newsroom mail client would: RFC 2047 encoded words for
 * non-ASCII headers and a quoted-printable UTF-8 text/plain body, CRLF line endings
 * throughout.
 */
final class EmlFormat {

	private static final String CRLF = "\r\n";

	private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);

	private EmlFormat() {
	}

	static void write(Article article, Path target) throws IOException {
		String slug = Integer.toHexString(article.title().hashCode());
		StringBuilder out = new StringBuilder();
		out.append("From: ")
			.append(encodedWords(article.author(), "From: ".length()))
			.append(" <redaktion@rundblick.example>")
			.append(CRLF);
		out.append("To: Nachtbrief Eingang <eingang@nachtbrief.example>").append(CRLF);
		out.append("Subject: ").append(encodedWords(article.title(), "Subject: ".length())).append(CRLF);
		out.append("Date: ")
			.append(RFC_1123.format(article.date().atTime(6, 0).atZone(ZoneId.of("Europe/Berlin"))))
			.append(CRLF);
		out.append("Message-ID: <")
			.append(article.date())
			.append('.')
			.append(slug)
			.append("@rundblick.example>")
			.append(CRLF);
		out.append("MIME-Version: 1.0").append(CRLF);
		out.append("Content-Type: text/plain; charset=UTF-8").append(CRLF);
		out.append("Content-Transfer-Encoding: quoted-printable").append(CRLF);
		out.append(CRLF);
		StringBuilder body = new StringBuilder();
		body.append(article.title()).append("\n\n").append(article.byline()).append("\n\n");
		body.append(String.join("\n\n", article.paragraphs())).append('\n');
		for (String line : body.toString().split("\n", -1)) {
			out.append(quotedPrintable(line)).append(CRLF);
		}
		Files.writeString(target, out.substring(0, out.length() - CRLF.length()), StandardCharsets.US_ASCII);
	}

	/**
	 * RFC 2047 Q-encoding, split so no encoded word exceeds 75 characters and no
	 * character is cut in half.
	 */
	static String encodedWords(String text, int firstLineUsed) {
		if (text.chars().allMatch((c) -> c >= 0x20 && c < 0x7f)) {
			return text;
		}
		String prefix = "=?UTF-8?Q?";
		StringBuilder result = new StringBuilder();
		StringBuilder word = new StringBuilder(prefix);
		int limit = 75 - Math.max(0, firstLineUsed - 2);
		for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
			String encoded = qEncode(new String(Character.toChars(text.codePointAt(i))));
			if (word.length() + encoded.length() + 2 > limit) {
				result.append(word).append("?=").append(CRLF).append(' ');
				word = new StringBuilder(prefix);
				limit = 75;
			}
			word.append(encoded);
		}
		return result.append(word).append("?=").toString();
	}

	private static String qEncode(String character) {
		StringBuilder out = new StringBuilder();
		for (byte b : character.getBytes(StandardCharsets.UTF_8)) {
			int value = b & 0xff;
			if (value == ' ') {
				out.append('_');
			}
			else if (Character.isLetterOrDigit(value) && value < 0x80 || "!*+-/".indexOf(value) >= 0) {
				out.append((char) value);
			}
			else {
				out.append(String.format("=%02X", value));
			}
		}
		return out.toString();
	}

	/**
	 * Quoted-printable for one line of text (RFC 2045 section 6.7), with soft breaks at
	 * 76 characters.
	 */
	static String quotedPrintable(String line) {
		byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
		StringBuilder out = new StringBuilder();
		int column = 0;
		for (int i = 0; i < bytes.length; i++) {
			int value = bytes[i] & 0xff;
			boolean last = i == bytes.length - 1;
			boolean literal = (value >= 33 && value <= 126 && value != '=') || (value == ' ' && !last);
			String token = literal ? String.valueOf((char) value) : String.format("=%02X", value);
			int reserve = last ? 0 : 1;
			if (column + token.length() + reserve > 76) {
				out.append('=').append(CRLF);
				column = 0;
			}
			out.append(token);
			column += token.length();
		}
		return out.toString();
	}

}

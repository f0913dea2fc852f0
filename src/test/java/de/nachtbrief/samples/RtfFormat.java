package de.nachtbrief.samples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes RTF 1.x as Word and LibreOffice save it: 7-bit text, cp1252 characters as
 * {@code \'xx} escapes and anything beyond cp1252 as a Unicode control word (backslash,
 * u, signed decimal, fallback character).
 */
final class RtfFormat {

	private static final Charset CP1252 = Charset.forName("windows-1252");

	private RtfFormat() {
	}

	static void write(Article article, Path target) throws IOException {
		StringBuilder out = new StringBuilder();
		out.append("{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1\n");
		out.append("{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}}\n");
		out.append("{\\info{\\title ")
			.append(escape(article.title()))
			.append("}{\\author ")
			.append(escape(article.author()))
			.append("}{\\creatim\\yr")
			.append(article.date().getYear())
			.append("\\mo")
			.append(article.date().getMonthValue())
			.append("\\dy")
			.append(article.date().getDayOfMonth())
			.append("\\hr6\\min0}}\n");
		out.append("\\viewkind4\\f0\\fs24\n");
		out.append("{\\pard\\sa240\\b\\fs32 ").append(escape(article.title())).append("\\par}\n");
		out.append("{\\pard\\sa240\\i ").append(escape(article.byline())).append("\\par}\n");
		for (String paragraph : article.paragraphs()) {
			out.append("{\\pard\\sa240 ").append(escape(paragraph)).append("\\par}\n");
		}
		out.append("}\n");
		Files.writeString(target, out, StandardCharsets.US_ASCII);
	}

	static String escape(String text) {
		CharsetEncoder encoder = CP1252.newEncoder();
		StringBuilder out = new StringBuilder(text.length() + 32);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' || c == '{' || c == '}') {
				out.append('\\').append(c);
			}
			else if (c >= 0x20 && c < 0x80) {
				out.append(c);
			}
			else if (encoder.canEncode(c)) {
				out.append(String.format("\\'%02x", encodeOne(encoder, c) & 0xff));
			}
			else {
				// The Unicode control word takes a signed 16-bit number; '?' is the
				// fallback for readers without Unicode.
				out.append("\\u").append((int) (short) c).append('?');
			}
		}
		return out.toString();
	}

	private static byte encodeOne(CharsetEncoder encoder, char c) {
		try {
			ByteBuffer bytes = encoder.reset().encode(CharBuffer.wrap(new char[] { c }));
			return bytes.get(0);
		}
		catch (CharacterCodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package de.nachtbrief.text;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Normalises text copied from web pages: NFC composition, one kind of line break, no
 * invisible format characters (zero-width spaces and joiners, soft hyphens, byte-order
 * marks, bidi controls) and single plain spaces.
 */
final class InvisibleCharacters {

	private static final Pattern INVISIBLE = Pattern
		.compile("[\\u0000-\\u0008\\u000E-\\u001F\\u007F\\u00AD\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E"
				+ "\\u2060-\\u2064\\u2066-\\u2069\\uFEFF]");

	private static final Pattern HORIZONTAL_SPACE = Pattern
		.compile("[\\t\\u000B\\u000C\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000 ]+");

	private InvisibleCharacters() {
	}

	static String normalise(String text) {
		// NFC first: umlauts typed on some systems arrive as a base letter plus a
		// combining diaeresis.
		String normalised = Normalizer.normalize(text, Normalizer.Form.NFC)
			.replace("\r\n", "\n")
			.replace('\r', '\n')
			.replace('\u2028', '\n')
			.replace("\u2029", "\n\n");
		normalised = INVISIBLE.matcher(normalised).replaceAll("");
		return HORIZONTAL_SPACE.matcher(normalised).replaceAll(" ");
	}

}

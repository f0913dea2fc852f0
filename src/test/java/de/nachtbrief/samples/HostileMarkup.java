package de.nachtbrief.samples;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * XML and HTML members of the {@link AdversarialCorpus}: entity bombs, external entities,
 * absurd nesting. Files ending in {@code .xhtml} are web pages; files ending in
 * {@code .xml} have a plain XML root so that they reach the XML parser rather than the
 * HTML reader.
 */
final class HostileMarkup {

	private static final String PARAGRAPH = "Der Stadtrat von Kesselbrunn hat am Mittwoch den Haushalt beschlossen.";

	private HostileMarkup() {
	}

	/**
	 * Ten levels of entities, each ten of the one below: a billion "lol" if anyone
	 * expands them.
	 */
	static void writeBillionLaughs(Path target) throws IOException {
		StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">\n");
		for (int level = 1; level <= 9; level++) {
			entities.append("<!ENTITY lol")
				.append(level)
				.append(" \"")
				.append(("&lol" + (level - 1) + ";").repeat(10))
				.append("\">\n");
		}
		write(target, entities.toString(), "&lol9;");
	}

	/**
	 * An external entity that points at a local file; its content must never appear in
	 * the text.
	 */
	static void writeXxe(Path target, Path secret) throws IOException {
		write(target, "<!ENTITY geheim SYSTEM \"" + secret.toUri() + "\">\n", "&geheim;");
	}

	static void writeDeepHtml(Path target, int depth) throws IOException {
		try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
			out.write("<!DOCTYPE html>\n<html lang=\"de\"><head><title>Tief</title></head><body>\n");
			for (int i = 0; i < depth; i++) {
				out.write("<div>");
			}
			out.write(PARAGRAPH);
			for (int i = 0; i < depth; i++) {
				out.write("</div>");
			}
			out.write("\n</body></html>\n");
		}
	}

	static void writeDeepXml(Path target, int depth) throws IOException {
		try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
			out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bericht>");
			for (int i = 0; i < depth; i++) {
				out.write("<a>");
			}
			out.write(PARAGRAPH);
			for (int i = 0; i < depth; i++) {
				out.write("</a>");
			}
			out.write("</bericht>\n");
		}
	}

	static void writeHtmlTable(Path target) throws IOException {
		Files.writeString(target, """
				<!DOCTYPE html>
				<html lang="de"><head><meta charset="utf-8"><title>Haushalt in Zahlen</title></head>
				<body><main>
				<h1>Haushalt in Zahlen</h1>
				<table>
				<tr><th>Jahr</th><th>Einnahmen (Euro)</th><th>Ausgaben (Euro)</th></tr>
				<tr><td>2022</td><td>3.850.000</td><td>3.700.000</td></tr>
				<tr><td>2023</td><td>4.200.000</td><td>3.900.000</td></tr>
				<tr><td>2024</td><td>4.350.000</td><td>4.410.000</td></tr>
				</table>
				</main></body></html>
				""", StandardCharsets.UTF_8);
	}

	private static void write(Path target, String entities, String reference) throws IOException {
		boolean xhtml = target.getFileName().toString().endsWith(".xhtml");
		String root = xhtml ? "html" : "bericht";
		String body = xhtml ? """
				<html xmlns="http://www.w3.org/1999/xhtml" lang="de">
				<head><title>Haushalt</title></head>
				<body><p>%s</p><p>%s</p></body>
				</html>
				""" : """
				<bericht>
				<absatz>%s</absatz>
				<absatz>%s</absatz>
				</bericht>
				""";
		String document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE " + root + " [\n" + entities + "]>\n"
				+ body.formatted(PARAGRAPH, reference);
		Files.writeString(target, document, StandardCharsets.UTF_8);
	}

}

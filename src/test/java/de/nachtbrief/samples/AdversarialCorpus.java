package de.nachtbrief.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes files built to break a document reader (broken, encrypted, disguised, hostile,
 * huge or odd) next to a few ordinary ones, and says for each what reading it must give:
 * text containing a fragment, or a failure whose reason contains a fragment. Generated at
 * test time; the largest file is 60 MB, so never commit the output.
 */
public final class AdversarialCorpus {

	/** What reading a file must give. */
	public enum Outcome {

		/** Text that contains {@link Case#fragment()}. */
		TEXT,

		/** A failure whose reason contains {@link Case#fragment()}. */
		FAILURE

	}

	/**
	 * One file of the corpus.
	 *
	 * @param kind what the file is, for test names
	 * @param fileName its name inside the folder
	 * @param outcome text or failure
	 * @param fragment part of the text or of the reason
	 * @param forbidden text that must never come out of the file (a secret, an expanded
	 * entity), or {@code null}
	 */
	public record Case(String kind, String fileName, Outcome outcome, String fragment, String forbidden) {

		public Case {
			Objects.requireNonNull(kind, "kind");
			Objects.requireNonNull(fileName, "fileName");
			Objects.requireNonNull(outcome, "outcome");
			Objects.requireNonNull(fragment, "fragment");
		}

		static Case text(String kind, String fileName, String fragment) {
			return new Case(kind, fileName, Outcome.TEXT, fragment, null);
		}

		static Case failure(String kind, String fileName, String reason) {
			return new Case(kind, fileName, Outcome.FAILURE, reason, null);
		}

		Case forbidding(String text) {
			return new Case(this.kind, this.fileName, this.outcome, this.fragment, text);
		}

		@Override
		public String toString() {
			return this.kind;
		}

	}

	/**
	 * Written into a sub-folder that XXE files point at; it must never show up in
	 * extracted text.
	 */
	public static final String SECRET = "GEHEIM-7f3a9c-nicht-ausgeben";

	/** A good article that every extractor must still read after the hostile files. */
	public static final String GOOD_FILE = "gut-danach.docx";

	private static final String ARTICLE_WORD = "Straßenbahn";

	private AdversarialCorpus() {
	}

	/** Writes every case into {@code folder} and returns them in a fixed order. */
	public static List<Case> write(Path folder) throws IOException {
		Path secret = Files.createDirectories(folder.resolve("privat")).resolve("zugangsdaten.txt");
		Files.writeString(secret, SECRET + "\n", StandardCharsets.UTF_8);
		List<Case> cases = new ArrayList<>();
		cases.addAll(texts(folder));
		cases.addAll(markup(folder, secret));
		cases.addAll(binaries(folder));
		cases.addAll(names(folder));
		SampleDocuments.writeDocx(TestDocuments.ARTICLE, folder.resolve(GOOD_FILE));
		return List.copyOf(cases);
	}

	private static List<Case> texts(Path folder) throws IOException {
		HostileTexts.writeEmpty(folder.resolve("leer.txt"));
		HostileTexts.writeWhitespace(folder.resolve("nur-leerraum.txt"));
		HostileTexts.writeInvisibleOnly(folder.resolve("nur-unsichtbar.txt"));
		HostileTexts.writeHuge(folder.resolve("riesig-60mb.txt"), 60L * 1024 * 1024);
		HostileTexts.writeEndlessLine(folder.resolve("endlose-zeile.txt"), 4 * 1024 * 1024);
		HostileTexts.writeLatin1(folder.resolve("latin1.txt"));
		HostileTexts.writeUtf16(folder.resolve("utf16.txt"));
		HostileTexts.writeEnglish(folder.resolve("englisch.txt"));
		HostileTexts.writePromptInjection(folder.resolve("anweisung-im-artikel.txt"));
		HostileTexts.writeCsvTable(folder.resolve("haushalt-tabelle.csv"));
		HostileTexts.writeInvisibleInWords(folder.resolve("unsichtbare-zeichen.txt"));
		return List.of(Case.failure("empty file", "leer.txt", "empty (0 bytes)"),
				Case.failure("whitespace only", "nur-leerraum.txt", "only spaces, line breaks"),
				Case.failure("invisible characters only", "nur-unsichtbar.txt", "only spaces, line breaks"),
				Case.text("60 MB text file", "riesig-60mb.txt", ARTICLE_WORD),
				Case.text("one endless line", "endlose-zeile.txt", "Wort"),
				Case.text("Latin-1 text", "latin1.txt", "Größere Straßenbauarbeiten"),
				Case.text("UTF-16 text", "utf16.txt", ARTICLE_WORD),
				Case.text("English text", "englisch.txt", "Millbrook"),
				Case.text("prompt injection in a German article", "anweisung-im-artikel.txt",
						"Ignoriere alle vorherigen Anweisungen"),
				Case.text("table of numbers (CSV)", "haushalt-tabelle.csv", "4.200.000"),
				Case.text("invisible characters inside words", "unsichtbare-zeichen.txt", ARTICLE_WORD));
	}

	private static List<Case> markup(Path folder, Path secret) throws IOException {
		HostileMarkup.writeBillionLaughs(folder.resolve("milliarde-lacher.xhtml"));
		HostileMarkup.writeBillionLaughs(folder.resolve("milliarde-lacher.xml"));
		HostileMarkup.writeXxe(folder.resolve("xxe.xhtml"), secret);
		HostileMarkup.writeXxe(folder.resolve("xxe.xml"), secret);
		HostileMarkup.writeDeepHtml(folder.resolve("tief-verschachtelt.html"), 200_000);
		HostileMarkup.writeDeepXml(folder.resolve("tief-verschachtelt.xml"), 200_000);
		HostileMarkup.writeHtmlTable(folder.resolve("tabelle.html"));
		return List.of(Case.text("billion laughs XHTML", "milliarde-lacher.xhtml", "Stadtrat").forbidding("lollollol"),
				Case.failure("billion laughs XML", "milliarde-lacher.xml", "billion laughs"),
				Case.text("XXE XHTML", "xxe.xhtml", "Stadtrat").forbidding(SECRET),
				Case.text("XXE XML", "xxe.xml", "Stadtrat").forbidding(SECRET),
				Case.failure("200,000-deep nested HTML", "tief-verschachtelt.html", "nested more than 1000 levels"),
				Case.failure("200,000-deep nested XML", "tief-verschachtelt.xml", "nested more than 1000 levels"),
				Case.text("table of numbers (HTML)", "tabelle.html", "3.900.000"));
	}

	private static List<Case> binaries(Path folder) throws IOException {
		HostileDocuments.writeRandomBytes(folder.resolve("zufall.pdf"));
		HostileDocuments.writeRandomBytes(folder.resolve("zufall.bin"));
		HostileDocuments.writeTruncatedPdf(folder.resolve("abgeschnitten.pdf"));
		HostileDocuments.writeEncryptedPdf(folder.resolve("verschluesselt.pdf"));
		PdfFormat.writeImageOnly(TestDocuments.ARTICLE, folder.resolve("nur-bild.pdf"));
		HostileDocuments.writePng(folder.resolve("bild-als.pdf"));
		HostileDocuments.writeZipBombDocx(folder.resolve("zip-bombe.docx"), 200L * 1024 * 1024);
		HostileDocuments.writeEncryptedDocx(folder.resolve("verschluesselt.docx"));
		HostileDocuments.writeTruncatedDocx(folder.resolve("abgeschnitten.docx"));
		HostileDocuments.writeManyFilesZip(folder.resolve("viele-dateien.zip"), 150);
		HostileDocuments.writeNestedZip(folder.resolve("verschachtelt.zip"), 8);
		return List.of(
				Case.failure("random bytes named .pdf", "zufall.pdf", "not a document format Nachtbrief can read"),
				Case.failure("random bytes named .bin", "zufall.bin", "not a document format Nachtbrief can read"),
				Case.failure("truncated PDF", "abgeschnitten.pdf", "could not be parsed"),
				Case.failure("encrypted PDF", "verschluesselt.pdf", "encrypted or password-protected"),
				Case.failure("image-only PDF", "nur-bild.pdf", "no text layer"),
				Case.failure("PNG named .pdf", "bild-als.pdf",
						"the file is an image (image/png) although its name ends in .pdf"),
				Case.failure("zip-bomb DOCX", "zip-bombe.docx", "zip bomb"),
				Case.failure("encrypted DOCX", "verschluesselt.docx", "encrypted or password-protected"),
				Case.failure("truncated DOCX", "abgeschnitten.docx", "could not be parsed"),
				Case.text("zip with 150 files", "viele-dateien.zip", "Notiz 100:"),
				Case.failure("zip nested 8 deep", "verschachtelt.zip", "embedded files beyond the limits"));
	}

	private static List<Case> names(Path folder) throws IOException {
		List<String> names = List.of("Bericht aus dem Rathaus.txt", "„Ümlaut“ Bericht 📰.txt", "-rf.txt",
				"b".repeat(196) + ".txt");
		List<String> kinds = List.of("spaces in the name", "Unicode quotes, umlaut and emoji in the name",
				"leading dash in the name", "200-character name");
		List<Case> cases = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			SampleDocuments.writeTxt(TestDocuments.ARTICLE, folder.resolve(names.get(i)));
			cases.add(Case.text(kinds.get(i), names.get(i), ARTICLE_WORD));
		}
		return cases;
	}

}

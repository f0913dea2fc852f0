package de.nachtbrief.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes the plain-text formats: TXT, Markdown and a full HTML page with the usual page
 * clutter.
 */
final class TextFormats {

	/**
	 * Lines a copy-and-paste from a news site typically drags along after the article.
	 */
	static final List<String> WEB_CLUTTER = List.of("Das könnte Ihnen auch gefallen",
			"• Neue Radwege: Wo in der Innenstadt jetzt gebaut wird",
			"• Wetter am Wochenende: Sonne, aber kalte Nächte", "• Leserbriefe: „Endlich tut sich etwas“",
			"Abonnieren Sie unseren Newsletter – die wichtigsten Nachrichten aus der Region jeden Morgen um 6 Uhr.",
			"Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren und Zugriffe zu "
					+ "analysieren. Alle akzeptieren | Einstellungen",
			"© 2025 Rundblick Online · Impressum · Datenschutz");

	private TextFormats() {
	}

	static void writeTxt(Article article, List<String> trailingClutter, Path target) throws IOException {
		StringBuilder out = new StringBuilder();
		out.append(article.title()).append("\n\n").append(article.byline()).append("\n\n");
		for (String paragraph : article.paragraphs()) {
			out.append(paragraph).append("\n\n");
		}
		for (String line : trailingClutter) {
			out.append(line).append('\n');
		}
		Files.writeString(target, out, StandardCharsets.UTF_8);
	}

	static void writeMarkdown(Article article, Path target) throws IOException {
		StringBuilder out = new StringBuilder();
		out.append("# ").append(article.title()).append("\n\n");
		out.append('*').append(article.byline()).append("*\n\n");
		for (String paragraph : article.paragraphs()) {
			out.append(paragraph).append("\n\n");
		}
		Files.writeString(target, out.toString().stripTrailing() + "\n", StandardCharsets.UTF_8);
	}

	static void writeHtml(Article article, Path target) throws IOException {
		String title = Markup.escape(article.title());
		StringBuilder out = new StringBuilder();
		out.append("""
				<!DOCTYPE html>
				<html lang="de">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				""");
		out.append("<title>").append(title).append(" | Rundblick Online</title>\n");
		out.append("<meta name=\"author\" content=\"").append(Markup.escape(article.author())).append("\">\n");
		out.append("<meta name=\"date\" content=\"").append(article.date()).append("\">\n");
		String published = article.date()
			.atTime(6, 0)
			.atZone(ZoneId.of("Europe/Berlin"))
			.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		out.append("<meta property=\"article:published_time\" content=\"").append(published).append("\">\n");
		out.append("<meta property=\"og:title\" content=\"").append(title).append("\">\n");
		out.append(
				"""
						<link rel="stylesheet" href="/assets/site.css">
						</head>
						<body>
						<div class="cookie-banner" role="dialog" aria-label="Cookie-Hinweis">
						<p>Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren, Werbung anzuzeigen und Zugriffe zu analysieren. Mit „Alle akzeptieren“ stimmen Sie der Verarbeitung zu.</p>
						<button type="button">Alle akzeptieren</button> <button type="button">Einstellungen</button>
						</div>
						<header class="site-header">
						<a class="logo" href="/">Rundblick Online</a>
						<nav class="main-nav">
						<ul>
						<li><a href="/">Startseite</a></li>
						<li><a href="/politik">Politik</a></li>
						<li><a href="/wirtschaft">Wirtschaft</a></li>
						<li><a href="/region">Region</a></li>
						<li><a href="/sport">Sport</a></li>
						<li><a href="/kultur">Kultur</a></li>
						<li><a href="/abo">Abo</a></li>
						</ul>
						</nav>
						</header>
						<main>
						<article>
						""");
		out.append("<h1>").append(title).append("</h1>\n");
		out.append("<p class=\"byline\">Von <span class=\"author\">")
			.append(Markup.escape(article.author()))
			.append("</span> · <time datetime=\"")
			.append(article.date())
			.append("\">")
			.append(article.germanDate())
			.append("</time></p>\n");
		for (String paragraph : article.paragraphs()) {
			out.append("<p>").append(Markup.escape(paragraph)).append("</p>\n");
		}
		out.append(
				"""
						</article>
						<div class="newsletter-box">
						<h2>Abonnieren Sie unseren Newsletter</h2>
						<p>Die wichtigsten Nachrichten aus der Region – jeden Morgen um 6 Uhr in Ihrem Postfach.</p>
						<form action="/newsletter" method="post"><input type="email" name="email" placeholder="Ihre E-Mail-Adresse"> <button type="submit">Jetzt anmelden</button></form>
						</div>
						<aside class="related">
						<h2>Das könnte Ihnen auch gefallen</h2>
						<ul>
						<li><a href="/region/radwege-innenstadt">Neue Radwege: Wo in der Innenstadt jetzt gebaut wird</a></li>
						<li><a href="/region/wetter-wochenende">Wetter am Wochenende: Sonne, aber kalte Nächte</a></li>
						<li><a href="/meinung/leserbriefe">Leserbriefe: „Endlich tut sich etwas“</a></li>
						</ul>
						</aside>
						</main>
						<footer class="site-footer">
						<ul>
						<li><a href="/impressum">Impressum</a></li>
						<li><a href="/datenschutz">Datenschutz</a></li>
						<li><a href="/kontakt">Kontakt</a></li>
						<li><a href="/agb">AGB</a></li>
						</ul>
						<p>© 2025 Rundblick Online. Alle Rechte vorbehalten.</p>
						</footer>
						</body>
						</html>
						""");
		Files.writeString(target, out, StandardCharsets.UTF_8);
	}

}

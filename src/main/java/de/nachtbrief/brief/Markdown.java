package de.nachtbrief.brief;

import java.util.List;
import java.util.regex.Pattern;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown building blocks and the one way Markdown becomes HTML, with any HTML in the
 * text escaped.
 */
public final class Markdown {

	private static final Pattern SPECIAL = Pattern.compile("([\\\\`*_\\[\\]<>#|])");

	private static final Parser parser = Parser.builder().build();

	private static final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).build();

	private Markdown() {
	}

	/** Text from a document or a model, made safe to place in Markdown. */
	public static String escape(String text) {
		return text == null ? "" : SPECIAL.matcher(text.strip()).replaceAll("\\\\$1");
	}

	public static void bullets(StringBuilder out, String heading, List<String> items) {
		if (items.isEmpty()) {
			return;
		}
		out.append("## ").append(heading).append("\n\n");
		items.forEach((item) -> out.append("- ").append(escape(item)).append('\n'));
		out.append('\n');
	}

	public static String toHtmlPage(String title, String language, String markdown) {
		String body = renderer.render(parser.parse(markdown));
		return """
				<!DOCTYPE html>
				<html lang="%s">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s</title>
				<style>
				body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.55; color: #222; }
				h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } blockquote { color: #555; border-left: 3px solid #ccc; margin-left: 0; padding-left: 1rem; }
				a { color: #0b57d0; } hr { border: 0; border-top: 1px solid #ddd; margin: 2rem 0; }
				</style>
				</head>
				<body>
				%s</body>
				</html>
				"""
			.formatted(language, org.jsoup.nodes.Entities.escape(title), body);
	}

}

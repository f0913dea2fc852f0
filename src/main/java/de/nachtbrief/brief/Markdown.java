package de.nachtbrief.brief;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown building blocks and the one way Markdown becomes HTML, with any HTML in the
 * text escaped.
 */
public final class Markdown {

	private static final Pattern SPECIAL = Pattern.compile("([\\\\`*_\\[\\]<>#|])");

	private static final Parser parser = Parser.builder().build();

	// Headings get ids, so that a table of contents can link to them.
	private static final HtmlRenderer renderer = HtmlRenderer.builder()
		.escapeHtml(true)
		.attributeProviderFactory((context) -> new HeadingIds())
		.build();

	private static final Pattern NOT_IN_ANCHOR = Pattern.compile("[^\\p{L}\\p{N}\\s-]");

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

	/**
	 * The anchor of a heading with this text, as the HTML pages give it: lowercase,
	 * letters, digits and hyphens, spaces as hyphens ("Top stories" → "top-stories").
	 */
	public static String anchor(String heading) {
		String anchor = NOT_IN_ANCHOR.matcher(heading.strip().toLowerCase(Locale.ROOT))
			.replaceAll("")
			.strip()
			.replaceAll("\\s+", "-");
		return anchor.isEmpty() ? "section" : anchor;
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
				h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } h3 { font-size: 1.05rem; margin: 1.2rem 0 0.2rem; } h3 + p { margin-top: 0.2rem; } blockquote { color: #555; border-left: 3px solid #ccc; margin-left: 0; padding-left: 1rem; }
				body { overflow-wrap: anywhere; -webkit-text-size-adjust: 100%%; } ul { padding-left: 1.2rem; } li { margin: 0.35rem 0; }
				a { color: #0b57d0; } hr { border: 0; border-top: 1px solid #ddd; margin: 2rem 0; }
				</style>
				</head>
				<body>
				%s</body>
				</html>
				"""
			.formatted(language, org.jsoup.nodes.Entities.escape(title), body);
	}

	/** Sets each heading's id to its {@link #anchor}, numbered when one repeats. */
	private static final class HeadingIds implements AttributeProvider {

		private final Set<String> used = new HashSet<>();

		@Override
		public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
			if (node instanceof Heading) {
				StringBuilder text = new StringBuilder();
				node.accept(new AbstractVisitor() {
					@Override
					public void visit(Text literal) {
						text.append(literal.getLiteral());
					}
				});
				String id = anchor(text.toString());
				for (int i = 1; !this.used.add(id); i++) {
					id = anchor(text.toString()) + "-" + i;
				}
				attributes.put("id", id);
			}
		}

	}

}

package de.nachtbrief.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypeException;

/**
 * What a file is: the media type detected from its name and content, the one from its
 * content alone, its name's extension (lower case, empty when it has none), whether that
 * extension belongs to the detected type, and whether the content is a zip archive (DOCX,
 * ODT, EPUB and ZIP are).
 */
record FileType(String mediaType, String contentType, String extension, boolean extensionMatches, boolean zipBased) {

	FileType {
		Objects.requireNonNull(mediaType, "mediaType");
		Objects.requireNonNull(contentType, "contentType");
		Objects.requireNonNull(extension, "extension");
	}

	static FileType detect(TikaConfig tika, TikaInputStream stream, Metadata metadata, Path file) throws IOException {
		MediaType type = tika.getDetector().detect(stream, metadata).getBaseType();
		MediaType content = tika.getDetector().detect(stream, new Metadata()).getBaseType();
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String extension = (dot > 0) ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
		return new FileType(type.toString(), content.toString(), extension,
				extension.isEmpty() || extensionsOf(tika, type).contains("." + extension),
				tika.getMediaTypeRegistry().isInstanceOf(content, MediaType.APPLICATION_ZIP));
	}

	/** Web pages go to jsoup, which reads them block by block. */
	boolean isHtml() {
		return this.mediaType.equals("text/html") || this.mediaType.equals("application/xhtml+xml");
	}

	private static List<String> extensionsOf(TikaConfig tika, MediaType type) {
		try {
			return tika.getMimeRepository().forName(type.toString()).getExtensions();
		}
		catch (MimeTypeException ex) {
			return List.of();
		}
	}

}

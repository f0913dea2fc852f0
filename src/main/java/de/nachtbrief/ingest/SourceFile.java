package de.nachtbrief.ingest;

import java.nio.file.Path;
import java.util.Objects;

/** A file found in the input folder, fingerprinted by the SHA-256 of its content. */
public record SourceFile(Path path, String relativePath, long size, String sha256) {

	public SourceFile {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(relativePath, "relativePath");
		if (sha256 == null || sha256.length() != 64) {
			throw new IllegalArgumentException("sha256 must be 64 hex digits, was " + sha256);
		}
	}

}

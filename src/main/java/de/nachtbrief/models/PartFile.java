package de.nachtbrief.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import de.nachtbrief.Hashes;

/**
 * The {@code .part} file beside a model file: what a broken-off download keeps and the
 * next one continues, and what becomes the model file once its size and hash are right.
 * The model file itself only ever appears complete, so nothing loads half a model.
 */
final class PartFile {

	private final Path target;

	private final Path path;

	private PartFile(Path target, Path path) {
		this.target = target;
		this.path = path;
	}

	/** The .part file for a target, creating the target's folder if it is missing. */
	static PartFile beside(Path target) {
		Path folder = target.toAbsolutePath().getParent();
		try {
			Files.createDirectories(folder);
		}
		catch (IOException ex) {
			throw new ModelDownloadException("Cannot create the folder " + folder + ": " + ex, ex);
		}
		return new PartFile(target, target.resolveSibling(target.getFileName() + ".part"));
	}

	String name() {
		return this.target.getFileName().toString();
	}

	/** Bytes kept from earlier attempts, 0 when there were none. */
	long size() {
		try {
			return Files.exists(this.path) ? Files.size(this.path) : 0;
		}
		catch (IOException ex) {
			throw new ModelDownloadException("Cannot read " + this.path + ": " + ex, ex);
		}
	}

	/** A digest that has seen the kept bytes, ready for the rest. */
	MessageDigest hashKept() {
		return digestOf(this.path);
	}

	FileChannel open(boolean append) throws IOException {
		return FileChannel.open(this.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
	}

	/**
	 * Checks the finished download and moves it into place. A wrong file is deleted,
	 * since resuming it would only add good bytes to bad ones.
	 */
	Path complete(MessageDigest digest, long expectedSize, String sha256) {
		long size = size();
		if (expectedSize >= 0 && size != expectedSize) {
			throw wrong(name() + " has " + size + " bytes, not the expected " + expectedSize);
		}
		String actual = HexFormat.of().formatHex(digest.digest());
		if (sha256 != null && !actual.equals(sha256)) {
			throw wrong(name() + " has SHA-256 " + actual + ", not the expected " + sha256);
		}
		try {
			try (FileChannel channel = FileChannel.open(this.path, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			Files.move(this.path, this.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new ModelDownloadException("Cannot move " + this.path + " to " + this.target + ": " + ex, ex);
		}
		return this.target;
	}

	/** The download broke off; what is on disk stays for the next attempt. */
	ModelDownloadException stopped(String why, Throwable cause) {
		long kept = size();
		String next = (kept > 0) ? "; the " + kept + " bytes so far are kept in " + this.path
				+ ", and running the same command again resumes the download" : "; nothing was kept";
		return new ModelDownloadException("Download of " + name() + " stopped: " + why + next, cause);
	}

	/**
	 * The kept bytes cannot be continued; they are deleted so the next attempt starts
	 * over.
	 */
	ModelDownloadException wrong(String what) {
		try {
			Files.deleteIfExists(this.path);
			return new ModelDownloadException(
					what + "; the download was removed, and running the same command again starts it over");
		}
		catch (IOException ex) {
			return new ModelDownloadException(what + "; delete " + this.path + " before trying again", ex);
		}
	}

	static String sha256Of(Path file) {
		return HexFormat.of().formatHex(digestOf(file).digest());
	}

	private static MessageDigest digestOf(Path file) {
		MessageDigest digest = Hashes.sha256();
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw new ModelDownloadException("Cannot read " + file + ": " + ex, ex);
		}
		return digest;
	}

}

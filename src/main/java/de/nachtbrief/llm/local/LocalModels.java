package de.nachtbrief.llm.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads GGUF models into llama.cpp and shares each among everyone in the JVM who asks for
 * the same file and settings: a model of a few gigabytes is loaded once, and its calls
 * queue for its one thread. A loaded model stays for the life of the process, since the
 * binding (4.2.0) does not free a closed model's memory.
 */
public final class LocalModels {

	private static final Logger log = LoggerFactory.getLogger(LocalModels.class);

	private static final Map<Key, LoadedModel> loaded = new HashMap<>();

	private LocalModels() {
	}

	/**
	 * Opens a model file, loading it unless it is loaded already with the same settings.
	 * Close the returned model when done with it.
	 * @param threads CPU threads for llama.cpp; 0 for one per core
	 * @throws LocalModelException when the file is missing or llama.cpp cannot load it
	 */
	public static synchronized LocalChatModel open(Path file, int contextWindow, int threads, Duration timeout,
			double temperature) {
		if (!Files.isRegularFile(file)) {
			throw new LocalModelException("no model file at " + file.toAbsolutePath());
		}
		Path real = realPath(file);
		int cores = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
		// The header is read only for a model not loaded yet: a vocabulary of 150,000
		// tokens takes a moment to walk.
		LoadedModel model = loaded.computeIfAbsent(new Key(real, contextWindow, cores),
				(key) -> load(checkedFile(real), contextWindow, cores));
		return new LocalChatModel(model, contextWindow, timeout, temperature);
	}

	/**
	 * The file, after checking that it is there, is GGUF and is not cut short, so that
	 * the common mistakes get a plain answer rather than llama.cpp's "could not load".
	 */
	public static Path checkedFile(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new LocalModelException("no model file at " + file.toAbsolutePath());
		}
		GgufHeader header = GgufHeader.read(file);
		try {
			long size = Files.size(file);
			if (header.bytesNeeded() > size) {
				throw new LocalModelException(file.toAbsolutePath() + " is cut off: it has " + size + " bytes of the "
						+ header.bytesNeeded() + " its tensors need");
			}
			return realPath(file);
		}
		catch (IOException ex) {
			throw new LocalModelException("cannot read the model file " + file.toAbsolutePath() + ": " + ex, ex);
		}
	}

	private static Path realPath(Path file) {
		try {
			return file.toRealPath();
		}
		catch (IOException ex) {
			throw new LocalModelException("cannot read the model file " + file.toAbsolutePath() + ": " + ex, ex);
		}
	}

	private static LoadedModel load(Path file, int contextWindow, int threads) {
		long started = System.nanoTime();
		ModelParameters parameters = new ModelParameters().setModel(file.toString())
			.setCtxSize(contextWindow)
			.setThreads(threads)
			.setThreadsBatch(threads)
			.setParallel(1)
			.enableJinja()
			// llama.cpp would print every step to standard output.
			.disableLog();
		try {
			LlamaModel model = new LlamaModel(parameters);
			log.info("Loaded {} ({} MB) in {} ms: context window {} tokens, {} threads", file.getFileName(),
					Files.size(file) / 1_000_000, (System.nanoTime() - started) / 1_000_000, contextWindow, threads);
			return new LoadedModel(file, model);
		}
		catch (LinkageError ex) {
			// The binding unpacks llama.cpp into java.io.tmpdir and loads it from there.
			throw new LocalModelException("llama.cpp's native library cannot be loaded on this machine ("
					+ System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + ex
					+ ". It needs Linux, macOS or Windows on x86_64 or aarch64, and a java.io.tmpdir it may write and"
					+ " run code from (or -Dde.kherud.llama.lib.path=DIR holding libjllama)", ex, false);
		}
		// de.kherud.llama.LlamaException is package-private; it is a RuntimeException.
		catch (RuntimeException | IOException ex) {
			String architecture = GgufHeader.read(file).architecture();
			throw new LocalModelException("llama.cpp cannot load " + file + " (architecture '" + architecture + "'): "
					+ ex.getMessage() + ". The file may be damaged (download it again), or its architecture is"
					+ " newer than this llama.cpp build (b4916 loads Qwen2.5, not Qwen3)", ex);
		}
	}

	private record Key(Path file, int contextWindow, int threads) {
	}

}

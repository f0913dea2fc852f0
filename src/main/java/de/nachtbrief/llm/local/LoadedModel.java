package de.nachtbrief.llm.local;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import de.kherud.llama.LlamaModel;

/**
 * A model file loaded into llama.cpp, with the one thread that runs its calls: calls
 * queue for it, so they run one at a time, and a caller can stop waiting (a timeout, an
 * interrupt) without another thread touching llama.cpp mid-call.
 */
record LoadedModel(Path file, LlamaModel model, ExecutorService worker) {

	LoadedModel(Path file, LlamaModel model) {
		this(file, model, Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "llama " + file.getFileName());
			thread.setDaemon(true);
			return thread;
		}));
	}

	<T> Future<T> submit(Callable<T> call) {
		return this.worker.submit(call);
	}

}

package de.nachtbrief.llm.local;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

import de.kherud.llama.LlamaModel;

/**
 * A model file loaded into llama.cpp, with the lock that lets one call at a time use it.
 */
record LoadedModel(Path file, LlamaModel model, ReentrantLock lock) {

	LoadedModel(Path file, LlamaModel model) {
		this(file, model, new ReentrantLock(true));
	}

}

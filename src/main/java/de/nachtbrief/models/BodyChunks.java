package de.nachtbrief.models;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read chunk by chunk on the calling thread. The JDK 17 client's own
 * InputStream swallows an interrupt while it waits for bytes, so a stopped download would
 * hang until the server sent more; here the wait ends with an InterruptedException. A
 * half-open connection would keep it waiting forever too, so a wait longer than the idle
 * time ends with {@link Idle}.
 */
final class BodyChunks implements Flow.Subscriber<List<ByteBuffer>>, AutoCloseable {

	private static final Object END = new Object();

	private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();

	private final long idleNanos;

	private volatile Flow.Subscription subscription;

	private volatile boolean closed;

	private Iterator<ByteBuffer> chunks = Collections.emptyIterator();

	private BodyChunks(Duration idle) {
		this.idleNanos = idle.toNanos();
	}

	/** Chunks of {@code body}, giving up when none arrives for {@code idle}. */
	static BodyChunks of(Flow.Publisher<List<ByteBuffer>> body, Duration idle) {
		BodyChunks chunks = new BodyChunks(idle);
		body.subscribe(chunks);
		return chunks;
	}

	/** The next chunk, or null after the last one. */
	@SuppressWarnings("unchecked")
	ByteBuffer next() throws IOException, InterruptedException {
		while (!this.chunks.hasNext()) {
			Object item = this.arrived.poll(this.idleNanos, TimeUnit.NANOSECONDS);
			if (item == null) {
				throw new Idle();
			}
			if (item == END) {
				return null;
			}
			if (item instanceof Throwable failure) {
				throw (failure instanceof IOException io) ? io : new IOException(failure);
			}
			this.chunks = ((List<ByteBuffer>) item).iterator();
			this.subscription.request(1);
		}
		return this.chunks.next();
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		if (this.closed) {
			subscription.cancel();
		}
		else {
			subscription.request(1);
		}
	}

	@Override
	public void onNext(List<ByteBuffer> item) {
		this.arrived.add(item);
	}

	@Override
	public void onError(Throwable failure) {
		this.arrived.add(failure);
	}

	@Override
	public void onComplete() {
		this.arrived.add(END);
	}

	/** Stops the transfer; the connection is dropped if bytes were still coming. */
	@Override
	public void close() {
		this.closed = true;
		Flow.Subscription current = this.subscription;
		if (current != null) {
			current.cancel();
		}
	}

	/** No bytes arrived for the idle time; the connection is probably half-open. */
	static final class Idle extends IOException {

		Idle() {
			super("no data arrived");
		}

	}

}

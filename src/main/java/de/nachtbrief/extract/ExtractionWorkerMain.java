package de.nachtbrief.extract;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import de.nachtbrief.extract.WorkerProtocol.Request;
import de.nachtbrief.extract.WorkerProtocol.Response;

/**
 * The child JVM that parses files for {@link ExtractionWorkers}: reads one JSON request
 * per line on stdin, answers one JSON line on stdout and ends when stdin closes. Whatever
 * libraries print goes to stderr.
 */
public final class ExtractionWorkerMain {

	private ExtractionWorkerMain() {
	}

	public static void main(String[] args) throws IOException {
		serve(() -> {
			TikaReader reader = new TikaReader();
			return (line) -> answer(reader, line);
		});
	}

	/**
	 * Runs the request loop; {@code answering} is created only after stdout is reserved
	 * for the protocol.
	 */
	static void serve(Supplier<UnaryOperator<String>> answering) throws IOException {
		PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
		// Parsers and the logging backend write to System.out; a stray line there would
		// break the protocol.
		System.setOut(System.err);
		UnaryOperator<String> answer = answering.get();
		protocol.println(WorkerProtocol.READY);
		BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line = requests.readLine(); line != null; line = requests.readLine()) {
			protocol.println(answer.apply(line));
		}
	}

	static String answer(TikaReader reader, String line) {
		Response response;
		try {
			Request request = WorkerProtocol.read(line, Request.class);
			response = Response.of(reader.read(Path.of(request.path()), request.limits()));
		}
		catch (ExtractionException ex) {
			response = Response.failed(ex.getMessage());
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			response = Response.failed(Reasons.failed(ex));
		}
		return WorkerProtocol.write(response);
	}

}

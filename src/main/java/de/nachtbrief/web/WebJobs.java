package de.nachtbrief.web;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationContext;

/** The jobs {@code serve} runs, by name, in the order they were given. */
public final class WebJobs {

	private final List<WebJob> jobs;

	WebJobs(List<WebJob> jobs) {
		this.jobs = jobs;
	}

	public List<WebJob> all() {
		return this.jobs;
	}

	public Optional<WebJob> named(String name) {
		return this.jobs.stream().filter((job) -> job.name().equals(name)).findFirst();
	}

	/** The job of that name, or a 404 for the page or API call that asked. */
	WebJob require(String name) {
		return named(name).orElseThrow(() -> new NotFoundException("no job named '" + name + "'"));
	}

	/**
	 * One job per state database: jobs writing to the same output folder share one, and
	 * its runs must be listed once.
	 */
	public Collection<WebJob> onePerDatabase() {
		Map<ApplicationContext, WebJob> first = new LinkedHashMap<>();
		this.jobs.forEach((job) -> first.putIfAbsent(job.context(), job));
		return first.values();
	}

}

package de.nachtbrief.web;

import java.util.Collections;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;

/**
 * The Spring context of {@code serve}'s web side. It has no database of its own: each job
 * keeps its state in its own context, which {@link WebJob} hands over.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
		// The jobs' contexts own the state databases, batch and mail; this one only
		// reads them.
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
		"org.springframework.boot.sql.autoconfigure.init.SqlInitializationAutoConfiguration",
		"org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration",
		"org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration",
		"org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
		"org.springframework.boot.mail.autoconfigure.MailSenderValidatorAutoConfiguration",
		"org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration",
		// The broker belongs to the jobs' contexts and the workers: no connection here,
		// and no health component saying a broker that this context never uses is down.
		"org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration",
		"org.springframework.boot.jms.autoconfigure.JmsAutoConfiguration",
		"org.springframework.boot.jms.autoconfigure.JndiConnectionFactoryAutoConfiguration",
		"org.springframework.boot.jms.autoconfigure.health.JmsHealthContributorAutoConfiguration",
		"org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration",
		"org.springframework.boot.integration.autoconfigure.IntegrationGraphEndpointAutoConfiguration",
		// Users come from WebSettings, not from a generated password in the log.
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ComponentScan
public class WebApplication {

	/**
	 * Starts the web server; it serves until the returned context is closed.
	 * @param jobs the served jobs, a list that may grow while the server runs
	 */
	public static ConfigurableApplicationContext start(WebSettings settings, List<? extends WebJob> jobs) {
		WebJobs served = new WebJobs(Collections.unmodifiableList(jobs));
		return new SpringApplicationBuilder(WebApplication.class).web(WebApplicationType.SERVLET)
			.registerShutdownHook(false)
			.initializers((context) -> {
				context.getBeanFactory().registerSingleton("webSettings", settings);
				context.getBeanFactory().registerSingleton("webJobs", served);
			})
			.run("--server.address=" + settings.address(), "--server.port=" + settings.port(),
					"--spring.servlet.multipart.max-file-size=" + settings.maxUpload().toBytes() + "B",
					"--spring.servlet.multipart.max-request-size=" + settings.maxUpload().toBytes() + "B",
					// Details name backends and folders: for this machine, or for a
					// signed-in user.
					"--management.endpoint.health.show-details="
							+ (settings.loopback() ? "always" : "when-authorized"));
	}

}

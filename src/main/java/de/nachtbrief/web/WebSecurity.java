package de.nachtbrief.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may use the dashboard. On loopback, anyone on this machine; elsewhere, a bearer
 * token or a user and password. Either way, a form is only accepted with its CSRF token,
 * so a web page in the editor's browser cannot upload or retry files behind their back;
 * API clients send an {@code Authorization} or {@code X-Requested-With} header instead,
 * which no other site can add to a request without the browser asking us first.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

	@Bean
	SecurityFilterChain dashboardSecurity(HttpSecurity http, WebSettings settings) throws Exception {
		http.authorizeHttpRequests((requests) -> {
			requests
				.requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
						"/style.css")
				.permitAll();
			if (settings.loopback()) {
				requests.anyRequest().permitAll();
			}
			else {
				requests.anyRequest().authenticated();
			}
		});
		if (!settings.loopback()) {
			if (settings.password() != null && !settings.password().isBlank()) {
				http.httpBasic(Customizer.withDefaults());
			}
			if (settings.token() != null && !settings.token().isBlank()) {
				http.addFilterBefore(new BearerToken(settings.token()), BasicAuthenticationFilter.class);
			}
			// 401 with the scheme to use, not 403: the caller has not signed in yet.
			http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, ex) -> {
				boolean basic = settings.password() != null && !settings.password().isBlank();
				response.setHeader("WWW-Authenticate", basic ? "Basic realm=\"Nachtbrief\"" : "Bearer");
				response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			}));
		}
		// Not for Basic: a browser adds remembered Basic credentials to a foreign page's
		// form post by itself.
		http.csrf((csrf) -> csrf.ignoringRequestMatchers((request) -> isBearer(request.getHeader("Authorization"))
				|| request.getHeader("X-Requested-With") != null));
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
				"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; form-action 'self';"
						+ " frame-ancestors 'none'")));
		return http.build();
	}

	/**
	 * On loopback, only requests addressed to this machine by name: a foreign site whose
	 * DNS name is re-pointed at 127.0.0.1 (DNS rebinding) would otherwise count as
	 * same-origin in the browser and could read and post as the editor.
	 */
	@Bean
	WebSecurityCustomizer loopbackHostsOnly(WebSettings settings) {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		if (settings.loopback()) {
			firewall.setAllowedHostnames((host) -> LOOPBACK_NAMES.contains(host.toLowerCase(Locale.ROOT)));
		}
		return (web) -> web.httpFirewall(firewall);
	}

	private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

	static boolean isBearer(String authorization) {
		return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
	}

	@Bean
	UserDetailsService dashboardUsers(WebSettings settings) {
		if (settings.password() == null || settings.password().isBlank()) {
			return new InMemoryUserDetailsManager();
		}
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return new InMemoryUserDetailsManager(User.withUsername(settings.user())
			.password(encoder.encode(settings.password()))
			.roles("EDITOR")
			.build());
	}

	/**
	 * Signs in a request whose {@code Authorization: Bearer} header carries the token.
	 */
	static final class BearerToken extends OncePerRequestFilter {

		private final byte[] token;

		BearerToken(String token) {
			this.token = token.getBytes(StandardCharsets.UTF_8);
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String header = request.getHeader("Authorization");
			if (isBearer(header)) {
				byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
				// Constant time, so the token cannot be guessed a byte at a time.
				if (!MessageDigest.isEqual(given, this.token)) {
					response.setHeader("WWW-Authenticate", "Bearer");
					response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "wrong token");
					return;
				}
				SecurityContextHolder.getContext()
					.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("token", null,
							AuthorityUtils.createAuthorityList("ROLE_API")));
			}
			chain.doFilter(request, response);
		}

	}

}

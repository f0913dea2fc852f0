package de.nachtbrief.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.util.unit.DataSize;

import de.nachtbrief.llm.ApiKeys;

/**
 * Where the dashboard listens and who may use it. Off loopback it requires a bearer token
 * ({@code NACHTBRIEF_WEB_TOKEN}) or a user and password ({@code NACHTBRIEF_WEB_USER},
 * {@code NACHTBRIEF_WEB_PASSWORD}), from the environment or the secrets file, never from
 * a file in the repository.
 */
public record WebSettings(String address, int port, String token, String user, String password, DataSize maxUpload) {

	public static final String TOKEN_VARIABLE = "NACHTBRIEF_WEB_TOKEN";

	public static final String USER_VARIABLE = "NACHTBRIEF_WEB_USER";

	public static final String PASSWORD_VARIABLE = "NACHTBRIEF_WEB_PASSWORD";

	public WebSettings {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
		}
		if (!isLoopback(address) && blank(token) && (blank(user) || blank(password))) {
			throw new IllegalArgumentException("the dashboard would listen on " + address
					+ ", beyond this machine, without authentication: set " + TOKEN_VARIABLE + ", or " + USER_VARIABLE
					+ " and " + PASSWORD_VARIABLE + " (environment or secrets file), or bind to" + " 127.0.0.1");
		}
	}

	/**
	 * Settings for an address and port, with credentials from the environment or secrets
	 * file.
	 */
	public static WebSettings fromEnvironment(String address, int port, DataSize maxUpload) {
		String user = ApiKeys.lookup(USER_VARIABLE);
		return new WebSettings(address, port, ApiKeys.lookup(TOKEN_VARIABLE), blank(user) ? "nachtbrief" : user,
				ApiKeys.lookup(PASSWORD_VARIABLE), maxUpload);
	}

	/** True when only this machine can connect, so no credentials are asked for. */
	public boolean loopback() {
		return isLoopback(this.address);
	}

	static boolean isLoopback(String address) {
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("--bind " + address + " is not an address of this machine", ex);
		}
	}

	/** Without the credentials: settings end up in logs. */
	@Override
	public String toString() {
		return "WebSettings[address=" + this.address + ", port=" + this.port + ", token="
				+ (blank(this.token) ? "none" : "set") + ", user=" + this.user + ", password="
				+ (blank(this.password) ? "none" : "set") + "]";
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}

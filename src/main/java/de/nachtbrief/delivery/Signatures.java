package de.nachtbrief.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signatures DingTalk and Feishu custom bots check when signing is switched on. */
final class Signatures {

	private Signatures() {
	}

	/**
	 * Feishu/Lark: Base64 of HmacSHA256 keyed with {@code timestamp + "\n" + secret} over
	 * no data; the timestamp is in seconds and goes into the body beside the sign.
	 */
	static String feishu(long timestampSeconds, String secret) {
		return Base64.getEncoder()
			.encodeToString(hmac((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]));
	}

	/**
	 * DingTalk: URL-encoded Base64 of HmacSHA256 keyed with the secret over
	 * {@code timestamp + "\n" + secret}; the timestamp is in milliseconds and both go
	 * into the query.
	 */
	static String dingTalk(long timestampMillis, String secret) {
		byte[] mac = hmac(secret.getBytes(StandardCharsets.UTF_8),
				(timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
		return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}

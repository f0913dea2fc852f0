package de.nachtbrief.delivery;

/**
 * Where a digest goes. A channel is <em>idempotent</em> when a message sent twice is
 * recognised by the receiver as the same message, so a send interrupted before its
 * outcome was recorded may safely be repeated; for the others it is marked
 * {@link OutboxStatus#UNCERTAIN} instead.
 *
 * <table>
 * <caption>Channels</caption>
 * <tr>
 * <th>Channel</th>
 * <th>Message</th>
 * <th>Limit used per part</th>
 * <th>After a crash</th>
 * </tr>
 * <tr>
 * <td>email</td>
 * <td>multipart/alternative, HTML + plain text, UTF-8 subject</td>
 * <td>one part</td>
 * <td>re-sent, same {@code Message-ID}</td>
 * </tr>
 * <tr>
 * <td>slack</td>
 * <td>{@code {"text"}} in mrkdwn</td>
 * <td>3,500 characters of text</td>
 * <td>UNCERTAIN</td>
 * </tr>
 * <tr>
 * <td>teams</td>
 * <td>Adaptive Card 1.4 in a {@code message} attachment</td>
 * <td>26,000 bytes of payload (service limit 28 KB)</td>
 * <td>UNCERTAIN</td>
 * </tr>
 * <tr>
 * <td>feishu</td>
 * <td>{@code {"msg_type":"text"}}, optionally signed</td>
 * <td>18,000 bytes of payload (limit 20 KB)</td>
 * <td>UNCERTAIN</td>
 * </tr>
 * <tr>
 * <td>dingtalk</td>
 * <td>{@code {"msgtype":"markdown"}}, optionally signed</td>
 * <td>18,000 bytes of payload (limit 20,000 bytes)</td>
 * <td>UNCERTAIN</td>
 * </tr>
 * <tr>
 * <td>wecom</td>
 * <td>{@code {"msgtype":"markdown"}}</td>
 * <td>4,096 bytes of content</td>
 * <td>UNCERTAIN</td>
 * </tr>
 * <tr>
 * <td>webhook</td>
 * <td>{@code {"run","language","part","parts","markdown","html"}}</td>
 * <td>one part</td>
 * <td>re-sent, same {@code Idempotency-Key}</td>
 * </tr>
 * </table>
 */
public enum Channel {

	EMAIL(true), SLACK(false), TEAMS(false), FEISHU(false), DINGTALK(false), WECOM(false), WEBHOOK(true);

	private final boolean idempotent;

	Channel(boolean idempotent) {
		this.idempotent = idempotent;
	}

	/**
	 * Whether the receiver drops a repeated message, so a doubtful send may be repeated.
	 */
	public boolean idempotent() {
		return this.idempotent;
	}

	/** Whether messages go to a webhook URL held in a secret. */
	public boolean webhook() {
		return this != EMAIL;
	}

}

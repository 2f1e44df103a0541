package glomers.runtime;

import java.util.Optional;

/**
 * Maelstrom's error codes (0-999 are Maelstrom's; 1000 and up are free for users).
 *
 * <p>A <em>definite</em> error promises the operation did not happen, so a client may record it
 * as failed. An indefinite one (timeout, crash, any unknown code) leaves the outcome open.
 */
public enum ErrorCode {
    TIMEOUT(0, false),
    NODE_NOT_FOUND(1, true),
    NOT_SUPPORTED(10, true),
    TEMPORARILY_UNAVAILABLE(11, true),
    MALFORMED_REQUEST(12, true),
    CRASH(13, false),
    ABORT(14, true),
    KEY_DOES_NOT_EXIST(20, true),
    KEY_ALREADY_EXISTS(21, true),
    PRECONDITION_FAILED(22, true),
    TXN_CONFLICT(30, true);

    private final int code;
    private final boolean definite;

    ErrorCode(int code, boolean definite) {
        this.code = code;
        this.definite = definite;
    }

    public int code() {
        return code;
    }

    public boolean definite() {
        return definite;
    }

    /** Maelstrom's name for the code, e.g. {@code key-does-not-exist}. */
    public String maelstromName() {
        return name().toLowerCase().replace('_', '-');
    }

    public static Optional<ErrorCode> of(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Unknown codes, and every code from 1000 up, are indefinite. */
    public static boolean isDefinite(int code) {
        return of(code).map(ErrorCode::definite).orElse(false);
    }
}

package glomers.runtime;

/**
 * A Maelstrom error: thrown from a handler it becomes the error reply; a failed RPC carries one.
 *
 * <p>No stack trace is recorded: these are protocol outcomes (timeouts happen all the time under
 * partitions), not bugs. A crash built from another exception keeps that exception as its cause.
 */
public class MaelstromException extends RuntimeException {
    private final int code;

    public MaelstromException(int code, String text) {
        this(code, text, null);
    }

    public MaelstromException(ErrorCode code, String text) {
        this(code.code(), text, null);
    }

    private MaelstromException(int code, String text, Throwable cause) {
        super(text, cause, false, false);
        if (code < 0) {
            throw new IllegalArgumentException("error codes are non-negative, got " + code);
        }
        this.code = code;
    }

    public static MaelstromException timeout(String text) {
        return new MaelstromException(ErrorCode.TIMEOUT, text);
    }

    public static MaelstromException nodeNotFound(String text) {
        return new MaelstromException(ErrorCode.NODE_NOT_FOUND, text);
    }

    public static MaelstromException notSupported(String text) {
        return new MaelstromException(ErrorCode.NOT_SUPPORTED, text);
    }

    public static MaelstromException temporarilyUnavailable(String text) {
        return new MaelstromException(ErrorCode.TEMPORARILY_UNAVAILABLE, text);
    }

    public static MaelstromException malformedRequest(String text) {
        return new MaelstromException(ErrorCode.MALFORMED_REQUEST, text);
    }

    public static MaelstromException crash(String text) {
        return new MaelstromException(ErrorCode.CRASH, text);
    }

    public static MaelstromException abort(String text) {
        return new MaelstromException(ErrorCode.ABORT, text);
    }

    public static MaelstromException keyDoesNotExist(String text) {
        return new MaelstromException(ErrorCode.KEY_DOES_NOT_EXIST, text);
    }

    public static MaelstromException keyAlreadyExists(String text) {
        return new MaelstromException(ErrorCode.KEY_ALREADY_EXISTS, text);
    }

    public static MaelstromException preconditionFailed(String text) {
        return new MaelstromException(ErrorCode.PRECONDITION_FAILED, text);
    }

    public static MaelstromException txnConflict(String text) {
        return new MaelstromException(ErrorCode.TXN_CONFLICT, text);
    }

    /**
     * The Maelstrom error that describes any failure: itself if it already is one, otherwise a
     * {@code crash} (13, indefinite: we cannot know how far the failed code got).
     */
    public static MaelstromException of(Throwable failure) {
        if (failure instanceof MaelstromException e) {
            return e;
        }
        return new MaelstromException(ErrorCode.CRASH.code(), String.valueOf(failure), failure);
    }

    /** The error carried by an error reply body ({@code "type":"error"}). */
    public static MaelstromException fromErrorBody(Body body) {
        var codeNode = body.json().get("code");
        var textNode = body.json().get("text");
        // A missing or non-integer code is Maelstrom's "unknown", which is indefinite: crash fits.
        int code = codeNode != null && codeNode.canConvertToInt() && codeNode.isIntegralNumber()
                ? codeNode.intValue() : ErrorCode.CRASH.code();
        String text = textNode != null && textNode.isTextual() ? textNode.textValue() : body.toString();
        return new MaelstromException(code, text);
    }

    /** True if {@code failure} is a Maelstrom error with this code. */
    public static boolean hasCode(Throwable failure, ErrorCode code) {
        return failure instanceof MaelstromException e && e.code == code.code();
    }

    public int code() {
        return code;
    }

    public boolean is(ErrorCode errorCode) {
        return code == errorCode.code();
    }

    public boolean definite() {
        return ErrorCode.isDefinite(code);
    }

    public String text() {
        return getMessage();
    }

    /** The error reply body: {@code {"type":"error","code":..,"text":..}}. */
    public Body toBody() {
        Body body = Body.of("error").put("code", code);
        if (text() != null) {
            body.put("text", text());
        }
        return body;
    }

    @Override
    public String toString() {
        String name = ErrorCode.of(code).map(ErrorCode::maelstromName).orElse("error");
        return "Maelstrom " + name + " (" + code + "): " + text();
    }
}

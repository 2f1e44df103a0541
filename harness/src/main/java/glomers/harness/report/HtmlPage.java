package glomers.harness.report;

/**
 * What every HTML page the bench writes shares: a head with the page's title and an error trap,
 * text escaping, and the line that marks the page as loaded.
 *
 * <p>Pages open from the file system, with no server and nothing fetched from the network. The
 * error trap is the head's first script: any uncaught script error is added to the root
 * element's {@code data-errors} attribute, and a page whose scripts ran to the end sets
 * {@code data-ready="1"} with {@link #READY}. A headless browser's dumped DOM then says whether
 * the page loaded cleanly (the tests' {@code HeadlessBrowser} reads exactly these two attributes).
 */
public final class HtmlPage {
    /** The script that marks a page as loaded; put it after the page's last script. */
    public static final String READY = "<script>document.documentElement.dataset.ready = '1';</script>\n";

    private static final String ERROR_TRAP = """
            <script>
              window.addEventListener('error', function (e) {
                var root = document.documentElement;
                root.dataset.errors = (root.dataset.errors ? root.dataset.errors + ' | ' : '') + (e.message || 'error');
              });
            </script>
            """;

    private HtmlPage() {
    }

    /**
     * The start of a page up to and including {@code <body>}: doctype, UTF-8, viewport, the
     * escaped {@code title}, the error trap, and {@code style} (CSS, inserted as given).
     */
    public static String start(String title, String style) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n"
                + ERROR_TRAP
                + "<style>\n" + style + "\n</style>\n</head>\n<body>\n";
    }

    /** The end of a page: {@link #READY}, then the closing tags. */
    public static String end() {
        return READY + "</body>\n</html>\n";
    }

    /** {@code text} safe inside HTML text and double-quoted attributes. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code json} safe inside a {@code <script>} element: a {@code </script>} or {@code <!--}
     * inside a string would otherwise end or confuse the element.
     */
    public static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}

package glomers.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlPageTest {
    @Test
    void escapesTextAndScripts() {
        assertThat(HtmlPage.escape("<a href=\"x\">&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
        assertThat(HtmlPage.scriptSafe("{\"s\":\"</script><!--\"}")).doesNotContain("<", ">");
    }

    @Test
    void theBrowserSeesACleanPageAsCleanAndAScriptErrorAsAnError(@TempDir Path dir) throws Exception {
        HeadlessBrowser browser = HeadlessBrowser.require();
        Path clean = dir.resolve("clean.html");
        Files.writeString(clean, HtmlPage.start("clean", "") + "<p id=x>hi</p><script>document.getElementById('x').textContent = 'ran';</script>" + HtmlPage.end());
        Path broken = dir.resolve("broken.html");
        Files.writeString(broken, HtmlPage.start("broken", "") + "<script>undefinedFunction();</script>" + HtmlPage.end());

        HeadlessBrowser.Loaded good = browser.load(clean);
        assertThat(good.clean()).as("errors: %s", good.errors()).isTrue();
        assertThat(good.dom()).contains(">ran<");

        HeadlessBrowser.Loaded bad = browser.load(broken);
        assertThat(bad.clean()).isFalse();
        assertThat(bad.errors()).contains("undefinedFunction");
    }
}

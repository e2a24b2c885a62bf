package org.groupwriteback.demo.tenant;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.groupwriteback.engine.graph.AdminSignIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the system browser on the demo tenant (and in tests): opens the authorization URL with
 * {@code java.net.http}, trusting the emulator's CA, and delivers the answer to MSAL's loopback listener,
 * following a redirect or submitting the {@code form_post} page as a browser would.
 */
public final class LoopbackBrowser implements AdminSignIn.Browser {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackBrowser.class);
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
    private static final Pattern INPUT = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]*)\"");

    private final HttpClient http;
    private final AtomicInteger opened = new AtomicInteger();

    /** A browser trusting {@code trust} (the emulator's CA). */
    public LoopbackBrowser(SSLContext trust) {
        this.http = HttpClient.newBuilder().sslContext(trust).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** How many authorization URLs this browser has opened. */
    public int opened() {
        return opened.get();
    }

    @Override
    public void open(URL url) {
        opened.incrementAndGet();
        Thread t = new Thread(() -> {
            try {
                visit(url.toURI());
            } catch (IOException | URISyntaxException e) {
                LOG.warn("The sign-in page {} could not be followed: {}", url.getHost(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "loopback-browser");
        t.setDaemon(true);
        t.start();
    }

    private void visit(URI authorize) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = page.headers().firstValue("Location").orElse(null);
        if (page.statusCode() / 100 == 3 && location != null) {
            http.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.discarding());
            return;
        }
        Matcher target = ACTION.matcher(page.body());
        if (page.statusCode() != 200 || !target.find()) {
            LOG.warn("The sign-in page answered HTTP {} without a form to submit", page.statusCode());
            return;
        }
        StringJoiner form = new StringJoiner("&");
        Matcher input = INPUT.matcher(page.body());
        while (input.find()) {
            form.add(input.group(1) + "=" + URLEncoder.encode(unescape(input.group(2)), StandardCharsets.UTF_8));
        }
        http.send(HttpRequest.newBuilder(URI.create(unescape(target.group(1))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}

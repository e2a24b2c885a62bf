package org.groupwriteback.engine.graph;

import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.AdditionalDataHolder;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.groupwriteback.engine.crash.CrashPoint;

/**
 * Pages through a Graph collection with the SDK's {@link PageIterator}: every item of {@code first} and of the
 * pages its {@code @odata.nextLink}s lead to goes to {@code sink}; returns the final {@code @odata.deltaLink}
 * (null for plain collections). The iterator exposes the delta link ({@code getDeltaLink()}), so delta queries
 * page with it too. Pages after the first are requested by the iterator without the SDK's error mapping: their
 * failures arrive as plain {@code ApiException}s with the HTTP status but without Graph's error code, so a lost
 * delta state on a later page is recognised by its 410 status only (the first page, which carries the saved
 * delta link, keeps the full error).
 */
final class GraphPages {
    private GraphPages() {
    }

    static <T extends Parsable, P extends Parsable & AdditionalDataHolder> String each(GraphServiceClient graph,
            P first, ParsableFactory<P> factory, Consumer<T> sink) throws ReflectiveOperationException {
        if (first == null) {
            throw new IllegalStateException("Graph answered with an empty page");
        }
        PageIterator<T, P> pages = new PageIterator.Builder<T, P>()
                .client(graph)
                .collectionPage(first)
                .collectionPageFactory(factory)
                .requestConfigurator(request -> {
                    checkLink(graph, "@odata.nextLink", uriOf(request));
                    return request;
                })
                .processPageItemCallback(item -> {
                    sink.accept(item);
                    CrashPoint.IMPORT_ITEM.reach(item.getClass().getSimpleName());
                    return true;
                })
                .build();
        pages.iterate();
        String deltaLink = pages.getDeltaLink();
        if (deltaLink != null && !deltaLink.isEmpty()) {
            // A plain collection's last page has none: the iterator then reports an empty string.
            checkLink(graph, "@odata.deltaLink", deltaLink);
        }
        return deltaLink;
    }

    /** A link in a Graph response that points away from the configured endpoint, travelling through the SDK. */
    static final class ForeignLink extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForeignLink(String message) {
            super(message);
        }

        CloudException cloudException() {
            return new CloudException(getMessage(), this);
        }
    }

    /** Refuses {@code link} unless it is https on the host and port of the graph client's base URL. */
    static void checkLink(GraphServiceClient graph, String what, String link) {
        String base = graph.getRequestAdapter().getBaseUrl();
        URI expected = URI.create(base);
        URI actual;
        try {
            actual = new URI(link);
        } catch (URISyntaxException e) {
            throw new ForeignLink("Graph sent an " + what + " that is not a valid URL (" + shorten(link)
                    + "); it was not followed. Run the cycle again; if it repeats, check what answers at " + base);
        }
        if (!"https".equalsIgnoreCase(actual.getScheme()) || actual.getHost() == null
                || !actual.getHost().toLowerCase(Locale.ROOT).equals(expected.getHost().toLowerCase(Locale.ROOT))
                || port(actual) != port(expected)) {
            throw new ForeignLink("Graph sent an " + what + " to " + shorten(actual.getScheme() + "://"
                    + actual.getRawAuthority()) + ", not to the configured Graph endpoint " + expected.getScheme()
                    + "://" + expected.getRawAuthority() + "; it was not followed and no token was sent there. The "
                    + "import stopped without changing anything; check graphBaseUrl and any proxy in front of Graph");
        }
    }

    /** A saved delta link that no longer points at the configured endpoint (graphBaseUrl changed) is refused too. */
    static String checkedSavedLink(GraphServiceClient graph, String deltaLink) {
        if (deltaLink != null) {
            checkLink(graph, "saved delta link", deltaLink);
        }
        return deltaLink;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : 443;
    }

    private static String uriOf(RequestInformation request) {
        try {
            return String.valueOf(request.getUri());
        } catch (URISyntaxException | IllegalStateException e) {
            return String.valueOf(request.urlTemplate);
        }
    }

    private static String shorten(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /**
     * Reads a delta query to its end: from {@code deltaLink}, or from the start ({@code fromStart}) when it is null;
     * returns the new delta link. {@code what} names the read in error messages.
     */
    static <T extends Parsable, P extends Parsable & AdditionalDataHolder> String delta(GraphServiceClient graph,
            GraphErrors errors, String what, String deltaLink, Supplier<P> fromStart, Function<String, P> fromLink,
            ParsableFactory<P> factory, Consumer<T> sink) throws CloudException, DeltaStateLost {
        String link = errors.delta(what, () -> each(graph,
                deltaLink == null ? fromStart.get() : fromLink.apply(checkedSavedLink(graph, deltaLink)), factory, sink));
        if (link == null) {
            throw new CloudException("Graph ended the delta query to " + what + " without a delta link; run a full "
                    + "import, and if it happens again check that graphBaseUrl points at Microsoft Graph");
        }
        return link;
    }
}

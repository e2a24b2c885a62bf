package org.groupwriteback.engine.graph;

import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.serialization.AdditionalDataHolder;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
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
                .processPageItemCallback(item -> {
                    sink.accept(item);
                    CrashPoint.IMPORT_ITEM.reach(item.getClass().getSimpleName());
                    return true;
                })
                .build();
        pages.iterate();
        return pages.getDeltaLink();
    }

    /**
     * Reads a delta query to its end: from {@code deltaLink}, or from the start ({@code fromStart}) when it is null;
     * returns the new delta link. {@code what} names the read in error messages.
     */
    static <T extends Parsable, P extends Parsable & AdditionalDataHolder> String delta(GraphServiceClient graph,
            GraphErrors errors, String what, String deltaLink, Supplier<P> fromStart, Function<String, P> fromLink,
            ParsableFactory<P> factory, Consumer<T> sink) throws CloudException, DeltaStateLost {
        String link = errors.delta(what, () -> each(graph,
                deltaLink == null ? fromStart.get() : fromLink.apply(deltaLink), factory, sink));
        if (link == null) {
            throw new CloudException("Graph ended the delta query to " + what + " without a delta link; run a full "
                    + "import, and if it happens again check that graphBaseUrl points at Microsoft Graph");
        }
        return link;
    }
}

package org.groupwriteback.engine.graph;

import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.serialization.AdditionalDataHolder;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import java.util.function.Consumer;

/**
 * Pages through a Graph collection with the SDK's {@link PageIterator}: every item of {@code first} and of the
 * pages its {@code @odata.nextLink}s lead to goes to {@code sink}; returns the final {@code @odata.deltaLink}
 * (null for plain collections). Pages after the first are requested by the iterator without the SDK's error
 * mapping, so their failures arrive as plain {@code ApiException}s with the HTTP status.
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
                    return true;
                })
                .build();
        pages.iterate();
        return pages.getDeltaLink();
    }
}

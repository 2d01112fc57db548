package org.bioner.embeddings;

import java.util.List;

import org.bioner.corpus.SentenceContext;
import org.bioner.nn.Backend;

/**
 * A provider of one fixed-size vector per token, given whole sentences (so contextual embeddings can
 * see the context). Implementations are frozen (no training) and thread-safe for {@link #embed}.
 */
public interface TokenEmbeddings {

    /** Length of every vector this provider returns. */
    int dimension();

    /**
     * The providers whose vectors this one concatenates, in the order their values lie in each vector (the spec's
     * {@code +} parts; a corpus one-hot is one); a provider of one part is its own only part.
     */
    default List<TokenEmbeddings> parts() {
        return List.of(this);
    }

    /**
     * Embeds a batch of tokenised sentences.
     *
     * @return for each sentence, a {@code [tokens][dimension()]} array
     */
    List<float[][]> embed(List<List<String>> sentences);

    /**
     * Embeds sentences that sit in documents: {@code context.get(s)} holds the neighbours of sentence {@code s}
     * ({@code context} may be null: none known). Providers that read no context (lookups, Flair LMs without
     * {@code :context=N}) return {@link #embed(List)}'s vectors; those that do must give every caller that knows
     * the document the same vectors, so callers pass the context whenever they have it.
     */
    default List<float[][]> embed(List<List<String>> sentences, List<SentenceContext> context) {
        return embed(sentences);
    }

    /**
     * A stable description of this provider (kind and model identity), recorded in tagger models so that
     * a model is only ever run with the embeddings it was trained with, e.g. {@code glove:models/glove.bnwv}.
     */
    String describe();

    /**
     * Runs the networks of this provider (the Flair LMs) on {@code backend} from now on; providers without
     * a network (lookups) ignore it. {@code Backends.cpu()} is the default.
     */
    default void useBackend(Backend backend) {
    }
}

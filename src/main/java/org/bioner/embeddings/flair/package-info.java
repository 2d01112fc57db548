/**
 * Flair contextual string embeddings: character language models and their import from Flair files.
 *
 * <ul>
 *   <li>{@link org.bioner.embeddings.flair.TorchCheckpoint} reads {@code torch.save} files (zip and legacy
 *       formats; float32, float16, bfloat16 and float64 storages; strides and offsets) through
 *       {@link org.bioner.embeddings.flair.RestrictedUnpickler}, which resolves only the classes a Flair LM or
 *       SequenceTagger file needs ({@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2},
 *       {@code torch.*Storage}, {@code flair.data.Dictionary}, {@code _codecs.encode}; for taggers the
 *       {@code torch.nn} modules, Flair embeddings and gensim vectors as inert
 *       {@link org.bioner.embeddings.flair.PickledObject}s, numpy arrays) and refuses to call any other.
 *       {@code org.bioner.tagger.FlairTaggerImporter} builds taggers from such files.</li>
 *   <li>{@link org.bioner.embeddings.flair.FlairLmImporter} turns the unpickled dict into a
 *       {@link org.bioner.embeddings.flair.CharLanguageModel}, which is stored in the project's model format
 *       (kind {@code char-lm}, optionally float16).</li>
 *   <li>{@link org.bioner.embeddings.flair.CharLmRunner} is the batched inference kernel;
 *       {@link org.bioner.embeddings.flair.FlairEmbeddings} maps tokens to LM states as Flair does.</li>
 * </ul>
 *
 * Equality with PyTorch is tested on fixtures written by {@code src/test/resources/flair/make_fixtures.py};
 * {@code verify_lm.py} there compares {@code bioner embed} with PyTorch on any real Flair LM file.
 */
package org.bioner.embeddings.flair;

package org.bioner.embeddings.flair.training;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings of one character-LM pretraining run ({@code bioner pretrain-lm}). The architecture, the
 * dictionary and the data settings are fixed when a run starts (a resumed run takes them from its
 * checkpoint); the budget ({@code maxChars}, {@code maxHours}, {@code maxSteps}) may be raised on resume.
 *
 * @param corpus           files or directories of text, one document per line
 * @param validationFile   held-out text (one document per line), or null to hold out the last {@code validationChars}
 * @param out              output directory: lm.bnm, best-lm.bnm, training.tsv, work/
 * @param forward          forward or backward LM
 * @param optimizer        "sgd" (Flair's recipe) or "adam"
 * @param lr               initial learning rate
 * @param annealFactor     lr factor when the validation loss has not improved for {@code patience} evaluations
 * @param caseFlip         probability of flipping the case of a training character (0 = off)
 * @param corpusChars      read at most this many characters of the corpus (0 = all)
 * @param minCharCount     characters seen fewer times go to {@code <unk>}
 * @param dictionaryFrom   take the dictionary from this LM instead of building it, or null
 * @param initFrom         start from this LM's weights (its dictionary too; sizes and direction must be the run's), or
 *                         null for new weights; a resumed run takes its weights from the checkpoint instead
 * @param evalEvery        evaluate (and anneal) every this many updates
 * @param logEverySeconds  progress line interval
 * @param checkpointEverySeconds interval between checkpoints into out/work
 * @param threads          OpenBLAS threads
 */
public record LmTrainingConfig(List<Path> corpus, Path validationFile, Path out, boolean forward, int hidden,
                               int embeddingSize, int layers, int seqLen, int batch, String optimizer, float lr,
                               float annealFactor, int patience, float clip, float dropout, float caseFlip,
                               long maxChars, double maxHours, long maxSteps, long validationChars, long corpusChars,
                               int minCharCount, Path dictionaryFrom, Path initFrom, int evalEvery, double logEverySeconds,
                               double checkpointEverySeconds, int threads, boolean resume, long seed, boolean half,
                               boolean quiet) {

    public LmTrainingConfig {
        if (hidden < 1 || embeddingSize < 1 || layers < 1) throw new IllegalArgumentException("sizes must be positive");
        if (seqLen < 1 || batch < 1) throw new IllegalArgumentException("--seq-len and --batch must be positive");
        if (!optimizer.equals("sgd") && !optimizer.equals("adam")) throw new IllegalArgumentException("--optimizer must be sgd or adam");
        if (!(lr > 0)) throw new IllegalArgumentException("--lr must be positive");
        if (!(annealFactor > 0 && annealFactor <= 1)) throw new IllegalArgumentException("--anneal-factor must be in (0, 1]");
        if (caseFlip < 0 || caseFlip > 1) throw new IllegalArgumentException("--case-flip must be in [0, 1]");
        if (evalEvery < 1) throw new IllegalArgumentException("--eval-every must be positive");
        if (dictionaryFrom != null && initFrom != null) {
            throw new IllegalArgumentException("--init-from takes the dictionary from its LM: leave out --dictionary-from");
        }
    }
}
